package dev.corpusforge.clean.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.clean.CleanSteps;
import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.testing.MultilingualSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Per-language thresholds (clean.languageRules) and the CJK forms of C4's and FineWeb's punctuation rules. */
class LanguageRulesTest {
  /** About 60 ICU words of ordinary Chinese prose with the usual function words. */
  private static final String ZH = "北京是中华人民共和国的首都，也是全国的政治中心和文化中心。这座城市有三千多年的历史，"
      + "在元、明、清三个朝代都是国家的都城。今天的北京是一座现代化的国际大都市，人口超过两千万，"
      + "每年都有大量游客来这里参观故宫、长城和颐和园等名胜古迹。";

  private static CleanDoc doc(String text, String language) {
    CleanDoc d = CleanDoc.of(text, null);
    if (language != null) d.setLanguage(language, 1);
    return d;
  }

  @Test
  void chineseProseFailsEnglishGopherThresholdsAndPassesChineseOnes() {
    CleanConfig c = new CleanConfig();
    GopherQualityFilter english = new GopherQualityFilter(c.gopherQuality);
    GopherQualityFilter byLanguage = new GopherQualityFilter(c.gopherQuality, c.languageRules);
    assertEquals("mean_word_length", english.apply(doc(ZH, "zh")));
    CleanDoc zh = doc(ZH, "zh");
    assertNull(byLanguage.apply(zh), zh.signals().toString());
    assertTrue(zh.signals().get("word_count") >= 50, zh.signals().toString());
    assertTrue(zh.signals().get("stop_words") >= 2, zh.signals().toString());
  }

  @Test
  void englishAndUnidentifiedDocumentsKeepTheEnglishThresholds() {
    CleanConfig c = new CleanConfig();
    c.languageRules.get("zh").gopherQuality.minWords = 1;
    GopherQualityFilter f = new GopherQualityFilter(c.gopherQuality, c.languageRules);
    String shortEnglish = "the cat and the dog";
    assertEquals("word_count", f.apply(doc(shortEnglish, "en")));
    assertEquals("word_count", f.apply(doc(shortEnglish, null)));
  }

  @Test
  void otherLanguagesFallBackToEnglishValuesWithoutTheStopWordRule() {
    CleanConfig c = new CleanConfig();
    GopherQualityFilter f = new GopherQualityFilter(c.gopherQuality, c.languageRules);
    StringBuilder german = new StringBuilder();
    for (int i = 0; i < 12; i++) german.append("Die Katze schläft ruhig neben dem warmen Ofen im Wohnzimmer. ");
    assertEquals("stop_words", new GopherQualityFilter(c.gopherQuality).apply(doc(german.toString(), "de")));
    assertNull(f.apply(doc(german.toString(), "de")));
  }

  @Test
  void c4CountsChineseSentencesAndKeepsLinesEndingInCjkFullStops() {
    CleanConfig c = new CleanConfig();
    C4Filter c4 = new C4Filter(c.c4, List.of(), c.languageRules);
    CleanDoc zh = doc(ZH + "\n" + ZH, "zh");
    assertNull(c4.apply(zh), zh.signals().toString());
    assertEquals(0, zh.signals().get("removed_no_terminal_punctuation"));
    assertEquals(6, zh.signals().get("sentences"));
    assertTrue(C4Filter.endsWithTerminalPunctuation("他说：「好。」"));
    assertTrue(C4Filter.endsWithTerminalPunctuation("真的吗？"));
  }

  @Test
  void aLongChineseLineIsWordsNotOneLongWord() {
    CleanConfig c = new CleanConfig();
    StringBuilder line = new StringBuilder();
    while (line.length() < 1500) line.append(ZH, 0, ZH.indexOf('。') + 1);
    CleanDoc zh = doc(line.toString(), "zh");
    new C4Filter(c.c4, List.of(), c.languageRules).apply(zh);
    assertEquals(0, zh.signals().get("removed_long_word"));
  }

  @Test
  void fineWebExemptsUnpunctuatedChineseSingleParagraphsOnly() {
    CleanConfig c = new CleanConfig();
    FineWebFilter f = new FineWebFilter(c.fineweb, c.languageRules);
    String unpunctuated = ZH.replace("。", "，") + "系列作品";
    assertNull(f.apply(doc(unpunctuated, "zh")));
    assertEquals("terminal_punctuation_line_ratio", f.apply(doc(unpunctuated, "ja")));
    assertEquals("terminal_punctuation_line_ratio", new FineWebFilter(c.fineweb).apply(doc(unpunctuated, "zh")));
  }

  @Test
  void keepListTakesSeveralLanguages() {
    CleanConfig c = new CleanConfig();
    c.language.keep = new ArrayList<>(List.of("zh", "ja"));
    CleanStep language = CleanSteps.create("language", c, List.of());
    assertNull(language.apply(doc(ZH, null)));
    assertNull(language.apply(doc("日本語は、主に日本国内や日本人同士の間で使用されている言語である。", null)));
    assertEquals("en", language.apply(doc("The committee will meet again next week to discuss the budget and the schools.", null)));
  }

  @Test
  void languageRulesAndSeveralKeptLanguagesAreSetFromTheCommandLine() throws Exception {
    CleanConfig c = dev.corpusforge.config.ConfigLoader.load(null,
        List.of("clean.languageRules.zh.gopherQuality.minWords=80", "clean.language.keep=zh,ja")).clean;
    assertEquals(80, c.languageRules.get("zh").gopherQuality.minWords);
    assertEquals(List.of("的", "在", "是", "和", "为", "于", "与", "了"), c.languageRules.get("zh").gopherQuality.stopWords);
    assertEquals(List.of("zh", "ja"), c.language.keep);
    assertEquals(50, c.gopherQuality.minWords);
  }

  /** The acceptance: with keep=zh the web steps keep at least 95% of the shared Chinese Wikipedia texts. */
  @Test
  void webStepsKeepNinetyFivePercentOfTheChineseSamples() throws Exception {
    CleanConfig c = new CleanConfig();
    c.language.keep = new ArrayList<>(List.of("zh"));
    List<CleanStep> steps = CleanSteps.forSource(CleanSteps.OTHER, c, List.of());
    List<String> texts = MultilingualSamples.zhOpenings();
    int kept = 0;
    Map<String, Integer> reasons = new TreeMap<>();
    for (String t : texts) {
      CleanDoc d = CleanDoc.of(t, null);
      String reason = null;
      for (CleanStep s : steps) {
        String r = s.apply(d);
        if (r != null) {
          reason = s.name() + ":" + r;
          break;
        }
      }
      if (reason == null) {
        kept++;
        assertEquals("zh", d.language());
      } else {
        reasons.merge(reason, 1, Integer::sum);
      }
    }
    assertTrue(kept >= 0.95 * texts.size(), kept + " of " + texts.size() + " kept; " + reasons);
  }
}
