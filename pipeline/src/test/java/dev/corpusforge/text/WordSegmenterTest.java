package dev.corpusforge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.clean.filters.WordSpans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordSegmenterTest {
  private static List<String> words(String text) {
    WordSpans w = new WordSpans();
    w.split(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) out.add(text.substring(w.start(i), w.end(i)));
    return out;
  }

  @Test
  void chineseIsSplitIntoDictionaryWordsWithPunctuationOnTheWordBefore() {
    assertEquals(List.of("我们", "今天", "去", "北京", "大学。"), words("我们今天去北京大学。"));
  }

  @Test
  void japaneseAndThaiAreSplitIntoWords() {
    List<String> ja = words("東京は日本の首都です。");
    assertTrue(ja.size() >= 5, ja.toString());
    assertEquals("東京は日本の首都です。", String.join("", ja));
    List<String> th = words("ภาษาไทยเป็นภาษาราชการ");
    assertTrue(th.size() >= 3, th.toString());
  }

  @Test
  void leadingPunctuationJoinsTheFirstWord() {
    assertEquals(List.of("「北京」"), words("「北京」"));
  }

  @Test
  void spacedTextIsSplitOnWhitespaceOnlyAsBefore() {
    String text = "e-mail, (the) U.S.  don't\tstop...\nnow!";
    assertEquals(List.of("e-mail,", "(the)", "U.S.", "don't", "stop...", "now!"), words(text));
  }

  @Test
  void mixedTokensSplitAtTheScriptChange() {
    assertEquals(List.of("iPhone", "手机"), words("iPhone手机"));
  }

  @Test
  void dictionaryScriptsAreRecognisedByCharacter() {
    assertTrue(WordSegmenter.needsDictionary('中'));
    assertTrue(WordSegmenter.needsDictionary('の'));
    assertTrue(WordSegmenter.needsDictionary('ไ'));
    assertFalse(WordSegmenter.needsDictionary('한'));
    assertFalse(WordSegmenter.needsDictionary('。'));
    assertFalse(WordSegmenter.needsDictionary('é'));
    assertTrue(WordSegmenter.isCjk('中'));
    assertFalse(WordSegmenter.isCjk('ไ'));
  }
}
