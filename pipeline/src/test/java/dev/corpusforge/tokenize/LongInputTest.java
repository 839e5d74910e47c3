package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 10 MB document on one line, and pre-tokens megabytes long (a run of one letter, a run of digits), encode in
 * O(n log n): were merging quadratic these would not finish. Results are checked against jtokkit where it is fast
 * enough, and by decoding back otherwise.
 */
class LongInputTest {
  private static final int TEN_MB = 10 << 20;

  @ParameterizedTest
  @CsvSource({"r50k_base, R50K_BASE", "o200k_base, O200K_BASE"})
  void tenMegabyteSingleLineDocumentEncodesAndDecodesBack(String name, EncodingType type) throws Exception {
    BpeModel model = Tokenizers.load(name);
    StringBuilder sb = new StringBuilder(TEN_MB);
    Random rnd = new Random(1);
    String[] words = {"the", "river", "crossing", "1989", "naïve", "日本", "—", "x", "don't", "!!", "McDonald's", "HTTPServer",
        "e\u0301", "/"};
    while (sb.length() < TEN_MB) sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(5) == 0 ? "  " : " ");
    String text = sb.toString();
    int[] tokens = model.newEncoder().encode(text);
    assertEquals(text, model.decode(tokens));
    assertArrayEquals(Encodings.newDefaultEncodingRegistry().getEncoding(type).encodeOrdinary(text).toArray(), tokens);
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

  /**
   * Inputs where o200k's pattern ends a piece long before the end of the run it scanned: a letter in both case classes
   * (日) before 256k capitals, a mark before a capital, a newline before 256k spaces. Each run is scanned a bounded
   * number of times, so this stays linear.
   */
  @Test
  void twoMegabyteCaseMixedRunsOfO200kAreNotQuadratic() throws Exception {
    BpeModel model = Tokenizers.load("o200k_base");
    String run = "A".repeat(1 << 18);
    for (String unit : new String[] {"日" + run + " ", "aA\u0301A", "\n" + " ".repeat(1 << 18) + "x"}) {
      String text = unit.repeat((2 << 20) / unit.length());
      int[] tokens = model.newEncoder().encode(text);
      assertEquals(text, model.decode(tokens));
    }
    String mb = ("日" + "A".repeat(1000) + " aA\u0301A \n" + " ".repeat(1000) + "x").repeat(200);
    assertArrayEquals(Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE).encodeOrdinary(mb).toArray(),
        model.newEncoder().encode(mb));
  }
}
