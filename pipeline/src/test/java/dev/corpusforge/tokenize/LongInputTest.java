package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 10 MB document on one line, and pre-tokens megabytes long (a run of one letter, a run of digits), encode in
 * O(n log n): were merging quadratic these would not finish. Results are checked against jtokkit where it is fast
 * enough, and by decoding back otherwise.
 */
class LongInputTest {
  private static final int TEN_MB = 10 << 20;

  @Test
  void tenMegabyteSingleLineDocumentEncodesAndDecodesBack() throws Exception {
    BpeModel model = Tokenizers.load("r50k_base");
    StringBuilder sb = new StringBuilder(TEN_MB);
    Random rnd = new Random(1);
    String[] words = {"the", "river", "crossing", "1989", "naïve", "日本", "—", "x", "don't", "!!"};
    while (sb.length() < TEN_MB) sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(5) == 0 ? "  " : " ");
    String text = sb.toString();
    int[] tokens = model.newEncoder().encode(text);
    assertEquals(text, model.decode(tokens));
    assertArrayEquals(Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE).encodeOrdinary(text).toArray(), tokens);
  }

  @Test
  void tenMegabytePreTokensOfOneLetterAndOfDigitsAreNotQuadratic() throws Exception {
    BpeModel model = Tokenizers.load("r50k_base");
    for (String unit : new String[] {"a", "7", "ab"}) {
      String text = unit.repeat(TEN_MB / unit.length());
      int[] tokens = model.newEncoder().encode(text);
      assertEquals(text, model.decode(tokens));
    }
    String mb = "a".repeat(1 << 20);
    assertArrayEquals(Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE).encodeOrdinary(mb).toArray(),
        model.newEncoder().encode(mb));
  }
}
