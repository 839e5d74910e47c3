package dev.corpusforge.clean.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gopher repetition: signal values on hand-computed texts, and each threshold kept when equal, rejected past it. */
class GopherRepetitionFilterTest {
  private final CleanConfig.GopherRepetition config = new CleanConfig.GopherRepetition();

  private Map<String, Double> signals(String text) {
    CleanDoc doc = CleanDoc.of(text, null);
    new GopherRepetitionFilter(config).apply(doc);
    return doc.signals();
  }

  private String check(String text) {
    return new GopherRepetitionFilter(config).apply(CleanDoc.of(text, null));
  }

  /** Distinct words, so that no n-gram repeats. */
  private static String unique(int from, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + count; i++) sb.append(i > from ? " " : "").append("w").append(i);
    return sb.toString();
  }

  @Test
  void topNgramCharacterShare() {
    // "ab cd" occurs 3 times (5 characters each); "ab cd ab" is the first of the two most common 3-grams (2 x 8).
    Map<String, Double> s = signals("ab cd ab cd ab cd");
    assertEquals(15.0 / 17, s.get("top_2gram_char_fraction"), 1e-12);
    assertEquals(16.0 / 17, s.get("top_3gram_char_fraction"), 1e-12);
    assertEquals(0.0, s.get("duplicate_5gram_char_fraction"));
  }

  @Test
  void duplicateNgramsSkipPastARepeat() {
    // 5-grams of a b c d e repeated three times: the repeats at word 5 and word 10 count, 5 characters each.
    Map<String, Double> s = signals("a b c d e a b c d e a b c d e");
    assertEquals(10.0 / 29, s.get("duplicate_5gram_char_fraction"), 1e-12);
  }

  @Test
  void uniqueTextIsKept() {
    assertNull(check(unique(0, 300)));
  }

  @Test
  void duplicateLineFractionIsInclusive() {
    // 10 lines, 3 of them repeats of a short line: 0.3 of the lines, few of the characters.
    List<String> lines = new ArrayList<>(List.of("x y", "x y", "x y", "x y"));
    for (int i = 0; i < 6; i++) lines.add(unique(i * 20, 20));
    assertNull(check(String.join("\n", lines)));
    lines.add("x y");
    assertEquals("duplicate_line_fraction", check(String.join("\n", lines)));
  }

  @Test
  void duplicateLineCharacterFractionIsInclusive() {
    // Four unique lines of 55 characters, and one 20-character word repeated on two lines: 20 / 100 = 0.2.
    String word = "abcdefghijklmnopqrst";
    String u = "aaaaaaaaaaaaa\nbbbbbbbbbbbbbb\ncccccccccccccc\ndddddddddddddd";
    String text = u + "\n" + word + "\n" + word;
    assertEquals(100, text.length());
    assertEquals(0.2, signals(text).get("duplicate_line_char_fraction"));
    assertNull(check(text));
    assertEquals("duplicate_line_char_fraction", check(text.substring(1)));
  }

  @Test
  void duplicateParagraphsCountedOnBlankLineSplits() {
    String a = unique(0, 40);
    String text = a + "\n\n" + unique(100, 40) + "\n\n" + a;
    Map<String, Double> s = signals(text);
    assertEquals(1.0 / 3, s.get("duplicate_paragraph_fraction"), 1e-12);
    assertEquals("duplicate_paragraph_fraction", check(text));
    config.maxDuplicateParagraphFraction = 1.0 / 3;
    assertEquals("duplicate_paragraph_char_fraction", check(text));
  }

  @Test
  void ngramThresholdsKeepEqualValues() {
    String text = "ab cd ab cd ab cd " + unique(0, 30);
    double top2 = signals(text).get("top_2gram_char_fraction");
    config.maxDuplicateLineFraction = 1;
    config.maxTopNgramCharFraction = new ArrayList<>(List.of(top2, 1.0, 1.0));
    config.maxDuplicateNgramCharFraction = new ArrayList<>(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
    assertNull(check(text));
    config.maxTopNgramCharFraction.set(0, Math.nextDown(top2));
    assertEquals("top_2gram", check(text));
  }

  @Test
  void duplicateNgramThresholdsKeepEqualValues() {
    String text = "a b c d e a b c d e a b c d e " + unique(0, 40);
    double dup5 = signals(text).get("duplicate_5gram_char_fraction");
    config.maxTopNgramCharFraction = new ArrayList<>(List.of(1.0, 1.0, 1.0));
    config.maxDuplicateNgramCharFraction = new ArrayList<>(List.of(dup5, 1.0, 1.0, 1.0, 1.0, 1.0));
    assertNull(check(text));
    config.maxDuplicateNgramCharFraction.set(0, Math.nextDown(dup5));
    assertEquals("duplicate_5gram", check(text));
  }

  @Test
  void defaultsRejectARepeatedBoilerplateLine() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) sb.append("Click here to subscribe to our newsletter today\n").append(unique(i * 5, 5)).append('\n');
    assertEquals("duplicate_line_fraction", check(sb.toString()));
  }
}
