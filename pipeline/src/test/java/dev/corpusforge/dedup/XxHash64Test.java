package dev.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class XxHash64Test {
  // lz4-java (on Spark's classpath) carries the reference XXH64 over bytes.
  private static final net.jpountz.xxhash.XXHash64 REFERENCE = XXHashFactory.safeInstance().hash64();

  @Test
  void charsHashLikeTheReferenceOverTheirUtf16LeBytes() {
    String text = "Ünïcode words, 𝄞 music and plain ASCII: the quick brown fox jumps over the lazy dog 0123456789";
    for (int len = 0; len <= text.length(); len++) {
      // Bytes from the chars themselves: a cut through a surrogate pair must hash its lone half too.
      char[] chars = text.substring(0, len).toCharArray();
      ByteBuffer utf16le = ByteBuffer.allocate(len * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (char c : chars) utf16le.putChar(c);
      byte[] bytes = utf16le.array();
      assertEquals(REFERENCE.hash(bytes, 0, bytes.length, 42), XxHash64.hashChars(chars, 0, chars.length, 42), "length " + len);
    }
  }

  @Test
  void longsHashLikeTheReferenceOverTheirLittleEndianBytes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int len = 0; len <= 12; len++) {
      long[] values = new long[len + 2];
      for (int i = 0; i < values.length; i++) values[i] = random.nextLong();
      ByteBuffer bytes = ByteBuffer.allocate(len * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 1; i <= len; i++) bytes.putLong(values[i]);
      assertEquals(REFERENCE.hash(bytes.array(), 0, len * 8, 0), XxHash64.hashLongs(values, 1, len, 0), "length " + len);
    }
  }
}
