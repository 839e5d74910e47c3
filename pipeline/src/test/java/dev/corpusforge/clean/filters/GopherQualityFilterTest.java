package dev.corpusforge.clean.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each Gopher quality rule at its threshold (kept) and just past it (rejected). */
class GopherQualityFilterTest {
  private final CleanConfig.GopherQuality config = new CleanConfig.GopherQuality();

  private String check(String text) {
    return new GopherQualityFilter(config).apply(CleanDoc.of(text, null));
  }

  /** n words: "the" twice (the stop words), then "house". */
  private static List<String> words(int n) {
    List<String> w = new ArrayList<>(Collections.nCopies(n, "house"));
    w.set(0, "the");
    w.set(1, "the");
    return w;
  }

  private static String join(List<String> words) {
    return String.join(" ", words);
  }

  @Test
  void fiftyWordsAreKeptFortyNineAreNot() {
    assertNull(check(join(words(50))));
    assertEquals("word_count", check(join(words(49))));
  }

  @Test
  void punctuationOnlyWordsDoNotCount() {
    List<String> w = words(49);
    w.add("--");
    assertEquals("word_count", check(join(w)));
    w.add("x-");
    assertNull(check(join(w)));
  }

  @Test
  void maximumWordCountIsInclusive() {
    config.maxWords = 60;
    assertNull(check(join(words(60))));
    assertEquals("word_count", check(join(words(61))));
  }

  @Test
  void meanWordLengthBetweenThreeAndTen() {
    List<String> three = new ArrayList<>(Collections.nCopies(50, "cat"));
    three.set(0, "the");
    three.set(1, "the");
    assertNull(check(join(three)));
    three.set(2, "ca");
    assertEquals("mean_word_length", check(join(three)));

    // 2 x 3 + 46 x 10 + 2 x 17 = 500 characters over 50 words: a mean of exactly 10.
    List<String> ten = new ArrayList<>(Collections.nCopies(50, "abcdefghij"));
    ten.set(0, "the");
    ten.set(1, "the");
    ten.set(2, "abcdefghijklmnopq");
    ten.set(3, "abcdefghijklmnopq");
    assertNull(check(join(ten)));
    ten.set(3, "abcdefghijklmnopqr");
    assertEquals("mean_word_length", check(join(ten)));
  }

  @Test
  void hashesPerWordAtMostOneTenth() {
    List<String> w = words(50);
    for (int i = 10; i < 15; i++) w.set(i, "house#");
    assertNull(check(join(w)));
    w.set(15, "house#");
    assertEquals("hash_word_ratio", check(join(w)));
  }

  @Test
  void ellipsesPerWordAtMostOneTenth() {
    List<String> w = words(50);
    for (int i = 10; i < 14; i++) w.set(i, "house...");
    w.set(14, "house…");
    assertNull(check(join(w)));
    w.set(15, "house...");
    assertEquals("ellipsis_word_ratio", check(join(w)));
  }

  private static String lines(int total, int marked, String prefix, String suffix) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < total; i++) {
      boolean m = i < marked;
      sb.append(m ? prefix : "").append("the house and the garden").append(m ? suffix : "").append('\n');
    }
    return sb.toString();
  }

  @Test
  void atMostNinetyPercentBulletLines() {
    assertNull(check(lines(10, 9, "• ", "")));
    assertEquals("bullet_line_ratio", check(lines(10, 10, "- ", "")));
  }

  @Test
  void atMostThirtyPercentEllipsisLines() {
    assertNull(check(lines(10, 3, "", " …")));
    assertEquals("ellipsis_line_ratio", check(lines(10, 4, "", "...")));
  }

  @Test
  void atLeastEightyPercentWordsWithALetter() {
    List<String> w = words(50);
    for (int i = 10; i < 20; i++) w.set(i, "123");
    assertNull(check(join(w)));
    w.set(20, "456");
    assertEquals("alpha_word_ratio", check(join(w)));
  }

  @Test
  void atLeastTwoStopWords() {
    List<String> w = words(50);
    w.set(0, "The");
    assertNull(check(join(w)));
    w.set(1, "house");
    assertEquals("stop_words", check(join(w)));
  }

  @Test
  void signalsAreRecorded() {
    CleanDoc doc = CleanDoc.of(join(words(50)), null);
    new GopherQualityFilter(config).apply(doc);
    assertEquals(50.0, doc.signals().get("word_count"));
    assertEquals(2.0, doc.signals().get("stop_words"));
    assertEquals((2 * 3 + 48 * 5) / 50.0, doc.signals().get("mean_word_length"), 1e-12);
  }
}
