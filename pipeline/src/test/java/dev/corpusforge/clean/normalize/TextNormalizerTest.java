package dev.corpusforge.clean.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  private final CleanConfig.Normalize config = new CleanConfig.Normalize();

  private String normalize(String text) {
    return new TextNormalizer(config).normalize(text);
  }

  @Test
  void composesToNfc() {
    assertEquals("caf\u00e9", normalize("cafe\u0301"));
  }

  @Test
  void removesControlAndZeroWidthCharactersButKeepsJoiners() {
    assertEquals("abcdef", normalize("a\u0000b\u0007c\u200Bd\uFEFFe\u00ADf"));
    assertEquals("\u0645\u200C\u0627", normalize("\u0645\u200C\u0627"));
  }

  @Test
  void normalizesWhitespaceAndNewlines() {
    assertEquals("a b c\nd\n\ne", normalize("  a \t b\u00A0\u2003c  \r\nd\r\n\r\n\r\n\n  \ne  \n\n"));
  }

  @Test
  void codeKeepsIndentationAndOnlyUnifiesNewlines() {
    String code = "def f():\r\n    return  1\r\n\n\n\n";
    assertEquals("def f():\n    return  1\n\n\n\n", TextNormalizer.forCode(config).normalize(code));
  }

  @Test
  void repairsUtf8ReadAsCp1252OrLatin1() {
    MojibakeRepair repair = new MojibakeRepair();
    assertEquals("Café “quoted” — naïve", repair.repair("CafÃ© â€œquotedâ€\u009d â€” naÃ¯ve"));
    assertEquals("日本", repair.repair("æ—¥æœ¬"));
    assertEquals("😀", repair.repair("ðŸ˜€"));
  }

  @Test
  void leavesCorrectTextAlone() {
    String ok = "Grüße aus São Paulo, naïve café, Ελληνικά, Български, à la carte, ÀÉÎ.";
    assertSame(ok, new MojibakeRepair().repair(ok));
    assertEquals(ok, normalize(ok));
  }

  @Test
  void emptyAfterNormalizationIsRejected() {
    CleanDoc doc = CleanDoc.of(" \u200B \n\t", null);
    assertEquals("empty", new TextNormalizer(config).apply(doc));
  }

  @Test
  void stepsCanBeSwitchedOff() {
    config.whitespace = false;
    config.mojibake = false;
    assertEquals("CafÃ©  x", normalize("CafÃ©  x"));
  }

  @Test
  void citationMarkersAreStripped() {
    CleanDoc doc = CleanDoc.of("Paris[1] is large.[23][citation needed] History [edit] and [Edit]. Arrays a[i] stay.", null);
    new CitationMarkers().apply(doc);
    assertEquals("Paris is large. History  and . Arrays a[i] stay.", doc.text());
    assertEquals(5.0, doc.signals().get("markers"));
  }

  @Test
  void foldsFullWidthLettersAndDigitsButKeepsCjkPunctuation() {
    TextNormalizer n = new TextNormalizer(new CleanConfig.Normalize());
    assertEquals("iPhone 15发布，售价999美元！（暂定）", n.normalize("ｉＰｈｏｎｅ １５发布，售价９９９美元！（暂定）"));
  }

  @Test
  void resolvesWikiLanguageVariantMarkup() {
    TextNormalizer n = new TextNormalizer(new CleanConfig.Normalize());
    assertEquals("麒麐是神兽，相关信息", n.normalize("麒-{麐}-是神兽，相关-{zh-tw:資訊;zh-cn:信息;}-"));
  }
}
