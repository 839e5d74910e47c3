package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scanners split exactly as the regexes they replace, on real text and on random strings. */
class PreTokenizerTest {
  private static final String[] ALPHABET = {"a", "Z", "s", "S", "t", "L", "e", "\u017F", " ", " ", "\n", "\r", "\t", "'",
      "1", "9", "\u00bd", "\u2167", ".", ",", "!", "\u65e5", "\ud83d\udc4d", "\u00a0", "\u2028", "\u0085", "\u00e9",
      "\u0301", "\ud800", "_", "-", "/"};

  private static List<String> spans(String text, PreTokenizer pre) {
    List<String> out = new ArrayList<>();
    pre.split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
    return out;
  }

  private static List<String> regexSpans(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }

  private static List<String> texts() throws Exception {
    List<String> texts = new ArrayList<>(SampleTexts.edgeCases());
    texts.addAll(SampleTexts.corpus().subList(0, 60));
    Random rnd = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(24);
      for (int i = 0; i < len; i++) sb.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
      texts.add(sb.toString());
    }
    return texts;
  }

  @Test
  void gpt2ScannerEqualsTheGpt2Regex() throws Exception {
    for (String t : texts()) assertEquals(regexSpans(t, Gpt2PreTokenizer.PATTERN), spans(t, new Gpt2PreTokenizer()), t);
  }

  @Test
  void cl100kScannerEqualsTheCl100kRegex() throws Exception {
    for (String t : texts()) assertEquals(regexSpans(t, TiktokenEncodings.CL100K_PATTERN), spans(t, new Cl100kPreTokenizer()), t);
  }
}
