package dev.corpusforge.clean.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FineWeb's four rules at their thresholds. */
class FineWebFilterTest {
  private final CleanConfig.FineWeb config = new CleanConfig.FineWeb();

  private String check(String text) {
    return new FineWebFilter(config).apply(CleanDoc.of(text, null));
  }

  private Map<String, Double> signals(String text) {
    CleanDoc doc = CleanDoc.of(text, null);
    new FineWebFilter(config).apply(doc);
    return doc.signals();
  }

  /** {@code total} distinct lines of more than 30 characters and 6 words; the first {@code terminal} end with '.'. */
  private static String lines(int total, int terminal) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < total; i++) {
      sb.append("this is the line number ").append(i).append(" of the text").append(i < terminal ? "." : "").append('\n');
    }
    return sb.toString();
  }

  @Test
  void twelvePercentTerminalLinesAreKept() {
    assertNull(check(lines(25, 3)));
    assertEquals("terminal_punctuation_line_ratio", check(lines(25, 2)));
  }

  @Test
  void twoThirdsShortLinesAreKept() {
    StringBuilder sb = new StringBuilder(lines(33, 33));
    for (int i = 0; i < 67; i++) sb.append("A short line, ").append(i).append(" words.\n");
    assertEquals(0.67, signals(sb.toString()).get("short_line_ratio"));
    assertNull(check(sb.toString()));
    sb.append("One more short line.\n");
    assertEquals("short_line_ratio", check(sb.toString()));
  }

  @Test
  void duplicateLineCharacters() {
    String text = "alpha beta gamma.\nalpha beta gamma.\ndelta epsilon zeta eta theta iota.";
    // The second line's 17 characters are duplicated, over 17 + 17 + 34 characters (newlines excluded).
    double ratio = 17.0 / 68;
    assertEquals(ratio, signals(text).get("duplicate_line_char_ratio"), 1e-12);
    config.maxShortLineRatio = 1;
    config.maxDuplicateLineCharRatio = ratio;
    assertNull(check(text));
    config.maxDuplicateLineCharRatio = Math.nextDown(ratio);
    assertEquals("duplicate_line_char_ratio", check(text));
  }

  @Test
  void newlinesPerWord() {
    // 3 newlines over 10 words: exactly 0.3.
    String text = "one two three four.\nfive six seven.\neight nine.\nten.";
    assertEquals(0.3, signals(text).get("newline_word_ratio"));
    config.maxShortLineRatio = 1;
    assertNull(check(text));
    assertEquals("newline_word_ratio", check(text + "\n"));
  }

  @Test
  void blankTextIsEmpty() {
    assertEquals("empty", check(" \n\n "));
  }
}
