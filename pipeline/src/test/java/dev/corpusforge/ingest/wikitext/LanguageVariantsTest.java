package dev.corpusforge.ingest.wikitext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageVariantsTest {
  @Test
  void plainSpanIsItsText() {
    assertEquals("麒麐是神兽", LanguageVariants.resolve("麒-{麐}-是神兽"));
  }

  @Test
  void variantsResolveToSimplifiedElseTheFirst() {
    assertEquals("相关信息请参看", LanguageVariants.resolve("相关-{zh-tw:資訊;zh-cn:信息;}-请-{zh-tw:參閱;zh-cn:参看;}-"));
    assertEquals("軟體", LanguageVariants.resolve("-{zh-tw:軟體; zh-hk:軟件}-"));
    assertEquals("软件", LanguageVariants.resolve("-{zh-hant:軟體;zh-hans:软件;}-"));
  }

  @Test
  void ruleOnlyFlagsPrintNothingAndOtherFlagsPrintTheText() {
    assertEquals("前后", LanguageVariants.resolve("前-{H|zh-cn:服务器;zh-tw:伺服器;}-后"));
    assertEquals("服务器", LanguageVariants.resolve("-{A|zh-cn:服务器;zh-tw:伺服器;}-"));
    assertEquals("C++", LanguageVariants.resolve("-{R|C++}-"));
  }

  @Test
  void templatesAfterAHyphenAndNestingAreHandled() {
    assertEquals("<!-{{Main article|Film}}->", LanguageVariants.resolve("<!-{{Main article|Film}}->"));
    assertEquals("外内外", LanguageVariants.resolve("-{外-{内}-外}-"));
    assertEquals("a -{ b", LanguageVariants.resolve("a -{ b"));
  }

  @Test
  void wikitextConversionResolvesVariantsBeforeLinks() {
    assertEquals("信息学", new WikitextToText().convert("[[-{zh-cn:信息;zh-tw:資訊}-学]]"));
  }
}
