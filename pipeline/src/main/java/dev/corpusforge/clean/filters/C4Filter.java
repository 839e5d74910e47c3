package dev.corpusforge.clean.filters;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.clean.sentences.SentenceSplitter;
import dev.corpusforge.config.CleanConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * C4's rules (Raffel et al. 2020, section 2.2) in the order of TensorFlow Datasets' {@code c4_utils.clean_page}: lines
 * are stripped and removed when they have a word over 1,000 characters, no terminal punctuation, fewer than 3 words,
 * "javascript" or a policy phrase; the document is dropped for "lorem ipsum" or a curly bracket in a kept line,
 * fewer than 5 sentences in what is left, or a bad word. The text is replaced by the kept lines. Words are
 * {@link WordSpans} (whitespace, and dictionary words in Chinese, Japanese, Thai...); CJK full stops end lines and
 * sentences; thresholds are those of the document's language ({@code clean.languageRules}).
 */
public final class C4Filter implements CleanStep {
  private final ByLanguage<CleanConfig.C4> byLanguage;
  private final SentenceSplitter sentences;
  private final Pattern badWords;
  private final WordSpans lineWords = new WordSpans();

  public C4Filter(CleanConfig.C4 c, List<String> badWords) {
    this(c, badWords, Map.of());
  }

  public C4Filter(CleanConfig.C4 c, List<String> badWords, Map<String, CleanConfig.LanguageRules> languageRules) {
    this.byLanguage = new ByLanguage<>(c, languageRules, r -> r.c4);
    this.sentences = SentenceSplitter.named(c.sentenceSplitter);
    // Word-boundary alternation of literals: at most one attempt per literal per position, so linear in the text.
    this.badWords = badWords.isEmpty() ? null : Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
        + badWords.stream().map(w -> Pattern.quote(w.toLowerCase(Locale.ROOT))).collect(Collectors.joining("|"))
        + ")(?![\\p{L}\\p{N}])");
  }

  @Override public String name() { return "c4"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { lines, removed_long_word, removed_no_terminal_punctuation, removed_few_words,
    removed_javascript, removed_policy, lorem_ipsum, curly_bracket, sentences, bad_words }

  @Override public String apply(CleanDoc doc) {
    CleanConfig.C4 c = byLanguage.get(doc.language());
    String text = doc.text();
    StringBuilder kept = new StringBuilder(text.length());
    int lines = 0;
    int longWord = 0;
    int noPunct = 0;
    int fewWords = 0;
    int javascript = 0;
    int policy = 0;
    int sentenceCount = 0;
    boolean lorem = false;
    boolean curly = false;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != '\n') continue;
      String line = text.substring(start, i).strip();
      start = i + 1;
      lines++;
      lineWords.split(line);
      if (hasLongWord(lineWords, c.maxWordLength)) {
        longWord++;
        continue;
      }
      if (c.removeLinesWithoutTerminalPunctuation && !endsWithTerminalPunctuation(line)) {
        noPunct++;
        continue;
      }
      if (lineWords.size() < c.minWordsPerLine) {
        fewWords++;
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (c.dropLoremIpsum && lower.contains("lorem ipsum")) {
        lorem = true;
        break;
      }
      if (c.removeJavascriptLines && lower.contains("javascript")) {
        javascript++;
        continue;
      }
      if (c.dropCurlyBracket && line.indexOf('{') >= 0) {
        curly = true;
        break;
      }
      if (containsAny(lower, c.policyPhrases)) {
        policy++;
        continue;
      }
      sentenceCount += sentences.count(line);
      if (kept.length() > 0) kept.append('\n');
      kept.append(line);
    }
    String cleaned = kept.toString();
    boolean bad = !lorem && !curly && badWords != null
        && badWords.matcher(doc.meter(cleaned.toLowerCase(Locale.ROOT), "c4.bad_words")).find();
    doc.signal(Signal.lines, lines);
    doc.signal(Signal.removed_long_word, longWord);
    doc.signal(Signal.removed_no_terminal_punctuation, noPunct);
    doc.signal(Signal.removed_few_words, fewWords);
    doc.signal(Signal.removed_javascript, javascript);
    doc.signal(Signal.removed_policy, policy);
    doc.signal(Signal.lorem_ipsum, lorem ? 1 : 0);
    doc.signal(Signal.curly_bracket, curly ? 1 : 0);
    doc.signal(Signal.sentences, sentenceCount);
    doc.signal(Signal.bad_words, bad ? 1 : 0);
    if (lorem) return "lorem_ipsum";
    if (curly) return "curly_bracket";
    if (sentenceCount < c.minSentences) return "too_few_sentences";
    if (bad) return "bad_words";
    doc.setText(cleaned);
    return null;
  }

  private static boolean hasLongWord(WordSpans words, int maxLength) {
    for (int i = 0; i < words.size(); i++) if (words.length(i) > maxLength) return true;
    return false;
  }

  /**
   * C4's end marks: . ? ! and a double quote; a line ending in "..." does not count. For Chinese and Japanese also
   * their full stops 。！？ (full-width and half-width) and the corner brackets that close a quotation after one.
   */
  static boolean endsWithTerminalPunctuation(String line) {
    if (line.isEmpty() || line.endsWith("...")) return false;
    char last = line.charAt(line.length() - 1);
    return last == '.' || last == '?' || last == '!' || last == '"' || "。！？｡」』".indexOf(last) >= 0;
  }

  private static boolean containsAny(String lower, List<String> phrases) {
    for (String p : phrases) if (lower.contains(p)) return true;
    return false;
  }
}
