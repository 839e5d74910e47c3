package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our encoder gives jtokkit's tokens (encodeOrdinary: special tokens are text) on every sample document. */
class TiktokenExactnessTest {
  private static final EncodingRegistry REGISTRY = Encodings.newDefaultEncodingRegistry();

  @ParameterizedTest
  @CsvSource({"r50k_base, R50K_BASE", "cl100k_base, CL100K_BASE", "o200k_base, O200K_BASE"})
  void tokensEqualJtokkitOnEverySampleDocument(String name, EncodingType type) throws IOException {
    BpeEncoder ours = Tokenizers.load(name).newEncoder();
    Encoding theirs = REGISTRY.getEncoding(type);
    List<String> texts = new ArrayList<>(SampleTexts.edgeCases());
    texts.addAll(SampleTexts.corpus());
    assertTrue(texts.size() > 100, "expected the sample corpus, got " + texts.size() + " texts");
    long tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (type == EncodingType.CL100K_BASE && hasLoneSurrogate(t)) continue; // jtokkit's cl100k parser refuses them
      int[] expected = theirs.encodeOrdinary(t).toArray();
      int[] got = ours.encode(t);
      assertArrayEquals(expected, got, () -> name + " differs on text " + firstDifference(t, expected, got));
      tokens += got.length;
    }
    assertTrue(tokens > 100_000, "too few tokens compared: " + tokens);
  }

  @ParameterizedTest
  @CsvSource({"r50k_base, 50257, 50256", "cl100k_base, 100277, 100257", "o200k_base, 200019, 199999"})
  void knowsVocabularySizeAndEndOfText(String name, int vocab, int eot) throws IOException {
    BpeModel m = Tokenizers.load(name);
    assertEquals(vocab, m.vocabSize());
    assertEquals(eot, m.specialToken(TiktokenEncodings.ENDOFTEXT));
  }

  @ParameterizedTest
  @CsvSource({"r50k_base", "o200k_base"})
  void decodesBackToTheText(String name) throws IOException {
    BpeModel m = Tokenizers.load(name);
    for (String t : SampleTexts.corpus().subList(0, 50)) assertEquals(t, m.decode(m.newEncoder().encode(t)));
  }

  private static boolean hasLoneSurrogate(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) i++;
      else if (Character.isSurrogate(c)) return true;
    }
    return false;
  }

  static String firstDifference(String text, int[] a, int[] b) {
    int i = 0;
    while (i < Math.min(a.length, b.length) && a[i] == b[i]) i++;
    String head = text.length() > 120 ? text.substring(0, 120) + "..." : text;
    return "'" + head.replace("\n", "\\n") + "' at token " + i + ": expected "
        + java.util.Arrays.toString(java.util.Arrays.copyOfRange(a, i, Math.min(a.length, i + 5))) + " got "
        + java.util.Arrays.toString(java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + 5)));
  }
}
