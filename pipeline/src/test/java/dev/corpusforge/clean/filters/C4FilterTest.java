package dev.corpusforge.clean.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.config.CleanConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

/** C4's line removals and document drops, with both sentence splitters. */
class C4FilterTest {
  private static final String FIVE = "The first sentence is here.\nThe second one follows it.\nA third sentence appears now.\n"
      + "The fourth is also fine.\nAnd the fifth ends the text.";

  private final CleanConfig.C4 config = new CleanConfig.C4();

  private CleanDoc run(String text, List<String> badWords) {
    CleanDoc doc = CleanDoc.of(text, null);
    String rule = new C4Filter(config, badWords).apply(doc);
    lastRule = rule;
    return doc;
  }

  private String lastRule;

  private String check(String text) {
    run(text, List.of());
    return lastRule;
  }

  @Test
  void fiveSentencesAreKeptFourAreNot() {
    assertNull(check(FIVE));
    assertEquals("too_few_sentences", check(FIVE.substring(0, FIVE.lastIndexOf('\n'))));
  }

  @Test
  void linesWithoutTerminalPunctuationAreRemoved() {
    CleanDoc doc = run(FIVE + "\nHome | About | Contact\nRead more...\nShe said \"yes.\"", List.of());
    assertNull(lastRule);
    assertEquals(FIVE + "\nShe said \"yes.\"", doc.text());
    assertEquals(2.0, doc.signals().get("removed_no_terminal_punctuation"));
  }

  @Test
  void linesNeedThreeWords() {
    CleanDoc doc = run(FIVE + "\nTwo words.\nThree words here.", List.of());
    assertEquals(FIVE + "\nThree words here.", doc.text());
    assertEquals(1.0, doc.signals().get("removed_few_words"));
  }

  @Test
  void javascriptAndPolicyLinesAreRemoved() {
    CleanDoc doc = run(FIVE + "\nPlease enable JavaScript to view this.\nRead our Privacy Policy for details.\n"
        + "This site uses cookies to work.", List.of());
    assertEquals(FIVE, doc.text());
    assertEquals(1.0, doc.signals().get("removed_javascript"));
    assertEquals(2.0, doc.signals().get("removed_policy"));
  }

  @Test
  void wordsUpToOneThousandCharactersAreKept() {
    String w1000 = "x".repeat(1000);
    CleanDoc doc = run(FIVE + "\nA long " + w1000 + " word.\nA longer " + w1000 + "y word.", List.of());
    assertEquals(FIVE + "\nA long " + w1000 + " word.", doc.text());
    assertEquals(1.0, doc.signals().get("removed_long_word"));
  }

  @Test
  void loremIpsumDropsTheDocument() {
    assertEquals("lorem_ipsum", check(FIVE + "\nLorem ipsum dolor sit amet."));
  }

  @Test
  void curlyBracketDropsTheDocument() {
    assertEquals("curly_bracket", check(FIVE + "\nThe code is function() { return 1; }."));
    // A bracket on a line removed earlier (no terminal punctuation) does not count, as in c4_utils.
    assertNull(check(FIVE + "\nfunction() { return 1; }"));
  }

  @Test
  void badWordsDropTheDocumentOnWholeWordsOnly() {
    run(FIVE + "\nThis line says darn loudly.", List.of("darn"));
    assertEquals("bad_words", lastRule);
    run(FIVE + "\nThis line says darned loudly.", List.of("darn"));
    assertNull(lastRule);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fast", "sparknlp"})
  void bothSentenceSplittersCountTheSameOnPlainText(String splitter) {
    config.sentenceSplitter = splitter;
    assertNull(check("Dr. Smith arrived at noon. He was tired. Was he hungry? Yes! He ate at 3 p.m. with friends."));
    assertEquals(5.0, run("Dr. Smith arrived at noon. He was tired. Was he hungry? Yes! He ate at 3 p.m. with friends.",
        List.of()).signals().get("sentences"));
    assertEquals("too_few_sentences", check("Dr. Smith arrived at noon. He was tired. Was he hungry? Yes, he was."));
  }
}
