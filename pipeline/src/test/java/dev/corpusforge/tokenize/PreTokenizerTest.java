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

  private static List<String> regexSpans(String text, Pattern regex) {
    List<String> out = new ArrayList<>();
    Matcher m = regex.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }

  private static Pattern jtokkitRegex(String regex) {
    return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
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

  /**
   * Strings for o200k's case-aware classes: upper, lower, title, modifier and other letters, the three kinds of mark
   * (also outside the BMP), apostrophes before contraction letters, CR/LF runs, digit runs, '/', Unicode spaces, lone
   * surrogates, one char of every general category, and random code points.
   */
  private static List<String> caseAwareTexts() throws Exception {
    List<String> alphabet = new ArrayList<>(List.of(ALPHABET));
    alphabet.addAll(List.of("A", "b", "Q", "x", "D", "'", "'", "\r\n", "\n\n", "\u01C5", "\u02B0", "\u3042", "\u05D0",
        "\u0903", "\u20DD", "\u0308", "\ud835\udc00", "\ud835\udc1a", "\ud834\udd67", "\ud835\udfce", "\ud840\udc00",
        "\udc00", "\u2019", "\u212A", "\u0130", "\u0131", "\u1E9E", "\u00DF", "\u2000", "\u000B", "\u001C", "M", "l", "v",
        "r", "E", "0", "42", "\u0660", "\u00b2"));
    boolean[] seen = new boolean[32];
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      int type = Character.getType(cp);
      if (!seen[type]) {
        seen[type] = true;
        alphabet.add(new String(Character.toChars(cp)));
      }
    }
    List<String> texts = new ArrayList<>(SampleTexts.edgeCases());
    texts.addAll(SampleTexts.corpus().subList(0, 60));
    Random rnd = new Random(7);
    for (int n = 0; n < 40_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(32);
      for (int i = 0; i < len; i++) {
        if (rnd.nextInt(10) == 0) sb.appendCodePoint(rnd.nextInt(Character.MAX_CODE_POINT + 1));
        else sb.append(alphabet.get(rnd.nextInt(alphabet.size())));
      }
      texts.add(sb.toString());
    }
    return texts;
  }

  @Test
  void gpt2ScannerEqualsTheGpt2Regex() throws Exception {
    Pattern regex = jtokkitRegex(Gpt2PreTokenizer.PATTERN);
    for (String t : texts()) assertEquals(regexSpans(t, regex), spans(t, new Gpt2PreTokenizer()), t);
  }

  @Test
  void cl100kScannerEqualsTheCl100kRegex() throws Exception {
    Pattern regex = jtokkitRegex(TiktokenEncodings.CL100K_PATTERN);
    for (String t : texts()) assertEquals(regexSpans(t, regex), spans(t, new Cl100kPreTokenizer()), t);
  }

  @Test
  void o200kScannerEqualsTheO200kRegex() throws Exception {
    Pattern regex = jtokkitRegex(TiktokenEncodings.O200K_PATTERN);
    List<String> texts = new ArrayList<>(texts());
    texts.addAll(caseAwareTexts());
    for (String t : texts) assertEquals(regexSpans(t, regex), spans(t, new O200kPreTokenizer()), () -> escaped(t));
  }

  /** o200k's classes agree with the regex's on every code point, lone surrogates included. */
  @Test
  void o200kCharacterClassesEqualTheRegexClassesOnEveryCodePoint() {
    String[] classes = {"[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]", "[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]", "\\p{L}", "\\p{N}", "\\s", "[\\r\\n]"};
    int[] flags = {O200kPreTokenizer.UP, O200kPreTokenizer.LO, O200kPreTokenizer.LETTER, O200kPreTokenizer.NUMBER,
        O200kPreTokenizer.SPACE, O200kPreTokenizer.NEWLINE};
    StringBuilder all = new StringBuilder();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) all.appendCodePoint(cp);
    for (int k = 0; k < classes.length; k++) {
      Matcher m = jtokkitRegex(classes[k]).matcher(all);
      int i = 0;
      for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
        int w = Character.charCount(cp);
        boolean expected = m.region(i, i + w).matches();
        assertEquals(expected, (O200kPreTokenizer.flags(cp) & flags[k]) != 0, classes[k] + " at U+" + Integer.toHexString(cp));
        i += w;
      }
    }
  }

  private static String escaped(String t) {
    StringBuilder sb = new StringBuilder();
    t.codePoints().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("<U+%X>", c)));
    return sb.toString();
  }
}
