package dev.corpusforge.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmcShardTest {
  @TempDir Path dir;

  @Test
  void writesWriteDatafilesHeaderThenUint16Tokens() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var w = new LlmcShard.Writer(out, LlmcShard.Variant.GPT2, 3)) {
      w.add(new int[] {15496, 11, 50256}, 0, 3);
    }
    byte[] b = out.toByteArray();
    assertEquals(1024 + 6, b.length);
    // header[0] = 20240520 = 0x0134D888, header[1] = 1, header[2] = 3, little-endian int32; the rest zero.
    assertArrayEquals(new byte[] {(byte) 0x88, (byte) 0xD8, 0x34, 0x01, 1, 0, 0, 0, 3, 0, 0, 0}, Arrays.copyOf(b, 12));
    for (int i = 12; i < 1024; i++) assertEquals(0, b[i]);
    // 15496 = 0x3C88, 11 = 0x000B, 50256 = 0xC450
    assertArrayEquals(new byte[] {(byte) 0x88, 0x3C, 0x0B, 0x00, 0x50, (byte) 0xC4}, Arrays.copyOfRange(b, 1024, 1030));
  }

  @Test
  void roundTripsThroughTheMemoryMappedReader() throws IOException {
    Random rnd = new Random(3);
    int[] tokens = new int[100_000];
    for (int i = 0; i < tokens.length; i++) tokens[i] = rnd.nextInt(65_536);
    Path file = dir.resolve("train_000000.bin");
    try (OutputStream os = Files.newOutputStream(file); var w = new LlmcShard.Writer(os, LlmcShard.Variant.GPT2, tokens.length)) {
      w.add(tokens, 0, tokens.length);
    }
    try (var r = new LlmcShard.Reader(file)) {
      assertEquals(LlmcShard.Variant.GPT2, r.variant());
      assertEquals(tokens.length, r.tokenCount());
      int[] back = new int[tokens.length];
      r.read(0, back, 0, back.length);
      assertArrayEquals(tokens, back);
    }
  }

  @Test
  void llama3VariantUsesItsMagicAndFourByteTokens() throws IOException {
    Path file = dir.resolve("big.bin");
    try (OutputStream os = Files.newOutputStream(file); var w = new LlmcShard.Writer(os, LlmcShard.Variant.LLAMA3, 2)) {
      w.add(128_000);
      w.add(5);
    }
    try (var r = new LlmcShard.Reader(file)) {
      assertEquals(20240801, r.headerInt(0));
      assertEquals(7, r.headerInt(1));
      assertEquals(128_000, r.token(0));
      assertEquals(5, r.token(1));
    }
    assertEquals(1024 + 8, Files.size(file));
    assertEquals(LlmcShard.Variant.LLAMA3, LlmcShard.Variant.forVocabulary(128_256));
  }

  @Test
  void refusesToWriteFewerTokensThanAnnounced() {
    assertThrows(IllegalStateException.class, () -> {
      try (var w = new LlmcShard.Writer(new ByteArrayOutputStream(), LlmcShard.Variant.GPT2, 2)) {
        w.add(1);
      }
    });
  }

  @Test
  void rejectsAFileThatIsNotAnLlmcShard() throws IOException {
    Path file = dir.resolve("junk.bin");
    Files.write(file, new byte[2048]);
    assertThrows(IOException.class, () -> new LlmcShard.Reader(file));
  }
}
