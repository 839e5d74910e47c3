package dev.corpusforge.clean.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.testing.MultilingualSamples;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

  /** Documents of at least {@link #MIN_CHARS} characters identified as {@code expected}; fails on any Korean answer. */
  static double documentAccuracy(List<String> texts, String expected) {
    LanguageIdentifier id = new LanguageIdentifier();
    int right = 0;
    int counted = 0;
    for (String t : texts) {
      if (t.strip().length() < MIN_CHARS) continue;
      counted++;
      String got = id.identify(t).language;
      if (!expected.equals("ko")) assertTrue(!got.equals("ko"), "identified as Korean: " + t.substring(0, 80));
      if (expected.equals(got)) right++;
    }
    assertTrue(counted >= 20, "only " + counted + " documents");
    return (double) right / counted;
  }

  @Test
  void chineseWikipediaDocumentsAtLeastNinetyNinePercentAndNeverKorean() throws Exception {
    List<String> zh = new ArrayList<>(MultilingualSamples.zhOpenings());
    zh.addAll(MultilingualSamples.wikiTexts(MultilingualSamples.ZH_WIKI, Set.of("Category", "分类", "File", "文件")));
    double acc = documentAccuracy(zh, "zh");
    assertTrue(acc >= 0.99, "Chinese accuracy " + acc);
  }

  @Test
  void japaneseWikipediaDocumentsAtLeastNinetyNinePercent() throws Exception {
    double acc = documentAccuracy(MultilingualSamples.wikiTexts(MultilingualSamples.JA_WIKI, Set.of("Category", "ファイル")), "ja");
    assertTrue(acc >= 0.99, "Japanese accuracy " + acc);
  }

  @Test
  void simplifiedAndTraditionalChineseAreTaggedAsScripts() throws Exception {
    LanguageIdentifier id = new LanguageIdentifier();
    LanguageIdentifier.Result hans = id.identify("中华人民共和国国务院是最高国家行政机关，负责经济发展与对外关系。");
    LanguageIdentifier.Result hant = id.identify("中華人民共和國國務院是最高國家行政機關，負責經濟發展與對外關係。");
    assertEquals("zh", hans.language);
    assertEquals("Hans", hans.script);
    assertEquals("zh", hant.language);
    assertEquals("Hant", hant.script);
    int simplified = 0;
    List<String> openings = MultilingualSamples.zhOpenings();
    for (String t : openings) if ("Hans".equals(id.identify(t).script)) simplified++;
    assertTrue(simplified >= 0.95 * openings.size(), simplified + " of " + openings.size() + " tagged Hans");
  }

  @Test
  void koreanAndJapaneseAreToldFromChineseByScript() {
    LanguageIdentifier id = new LanguageIdentifier();
    assertEquals("ko", id.identify("대한민국은 동아시아의 한반도 남부에 있는 민주공화국이다. 수도는 서울특별시이다.").language);
    assertEquals("ja", id.identify("日本語は、主に日本国内や日本人同士の間で使用されている言語である。").language);
    assertEquals("zh", id.identify("北京是中华人民共和国的首都，是全国的政治中心和文化中心。").language);
  }

  @Test
  void filterRecordsTheScriptOfChinese() {
    CleanDoc doc = CleanDoc.of("北京是中华人民共和国的首都，是全国的政治中心、文化中心和国际交往中心。", null);
    CleanConfig.Language c = new CleanConfig.Language();
    c.keep = List.of("en", "zh");
    assertEquals(null, LanguageFilter.filtering(c).apply(doc));
    assertEquals("zh", doc.language());
    assertEquals("Hans", doc.languageScript());
  }
}
