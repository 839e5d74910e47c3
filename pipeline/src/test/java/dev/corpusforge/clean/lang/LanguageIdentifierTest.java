package dev.corpusforge.clean.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Language identification on the real Wikipedia excerpts, paragraph by paragraph. */
class LanguageIdentifierTest {
  /**
   * Paragraph-sized blocks (a wiki line: a paragraph or list item). Shorter pieces are mostly names and dates, where
   * n-gram detectors guess; the misses that remain in English are bibliography entries in German, French or Italian.
   */
  static final int MIN_CHARS = 100;

  static double accuracy(Path dump, String expected, LanguageIdentifier id, int minChars) throws Exception {
    List<String> paragraphs = WikiParagraphs.paragraphs(dump, minChars);
    assertTrue(paragraphs.size() >= 30, dump + " gave only " + paragraphs.size() + " paragraphs");
    int right = 0;
    for (String p : paragraphs) if (expected.equals(id.identify(p).language)) right++;
    return (double) right / paragraphs.size();
  }

  @Test
  void englishParagraphsAtLeastNinetyNinePercent() throws Exception {
    Path dump = SparkTests.corpusSamples().resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2");
    double acc = accuracy(dump, "en", new LanguageIdentifier(), MIN_CHARS);
    assertTrue(acc >= 0.99, "English accuracy " + acc);
  }

  @Test
  void bulgarianParagraphsAtLeastNinetyNinePercent() throws Exception {
    Path dump = SparkTests.corpusSamples().resolve("wikipedia/bgwiki-pages-articles-shortened.xml.bz2");
    double acc = accuracy(dump, "bg", new LanguageIdentifier(), MIN_CHARS);
    assertTrue(acc >= 0.99, "Bulgarian accuracy " + acc);
  }

  @Test
  void filterRejectsOutsideTheKeepListAndBelowTheScore() {
    CleanConfig.Language c = new CleanConfig.Language();
    CleanDoc en = CleanDoc.of("The committee will meet again next week to discuss the budget and the new school buildings.", null);
    CleanDoc bg = CleanDoc.of("Комитетът ще се събере отново следващата седмица, за да обсъди бюджета и новите училищни сгради.", null);
    CleanDoc none = CleanDoc.of("12345 67890 !!! ???", null);
    assertEquals(null, LanguageFilter.filtering(c).apply(en));
    assertEquals("en", en.language());
    assertEquals("bg", LanguageFilter.filtering(c).apply(bg));
    assertEquals("low-confidence", LanguageFilter.filtering(c).apply(none));
    assertEquals(null, LanguageFilter.tagging(c).apply(bg));
    assertEquals("bg", bg.language());
    c.keep = List.of();
    assertEquals(null, LanguageFilter.filtering(c).apply(bg));
    c.minScore = 1.01;
    assertEquals("low-confidence", LanguageFilter.filtering(c).apply(en));
  }
}
