package dev.corpusforge.clean.sentences;

import java.util.Set;

/**
 * A rule-based splitter in one pass over the characters: a sentence ends at '.', '!', '?' or '…' (with any closing
 * quotes or brackets after it) followed by whitespace and then a capital, digit, quote or bracket, or the end of the
 * text; except after a known abbreviation or a single-letter initial. Semicolons do not end sentences. The CJK full
 * stops 。！？ (and half-width ｡) end a sentence whatever follows, since Chinese and Japanese put no space after them.
 */
public final class FastSentenceSplitter implements SentenceSplitter {
  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs",
      "etc", "e.g", "i.e", "cf", "al", "fig", "vol", "pp", "ed", "eds", "inc", "ltd", "co", "corp", "dept",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "gen", "col",
      "lt", "sgt", "capt", "rev", "hon", "mt", "ft", "u.s", "u.k", "a.m", "p.m", "ph.d", "op", "ca", "resp");

  @Override public int count(String text) {
    return scan(text, null);
  }

  @Override public int[] starts(String text) {
    int[] starts = new int[text.length() + 1];
    int k = scan(text, starts) - 1;
    return java.util.Arrays.copyOf(starts, Math.max(0, k));
  }

  /** Counts the sentences; when {@code starts} is given, also writes where each sentence after the first begins. */
  private static int scan(String text, int[] starts) {
    int n = text.length();
    int sentences = 0;
    boolean content = false;
    int i = 0;
    while (i < n) {
      char ch = text.charAt(i);
      if (!Character.isWhitespace(ch)) content = true;
      if (ch == '。' || ch == '！' || ch == '？' || ch == '｡') {
        int end = i + 1;
        while (end < n && isCjkTerminalOrCloser(text.charAt(end))) end++;
        if (content) record(text, end, sentences++, starts);
        content = false;
        i = end;
        continue;
      }
      if (ch == '.' || ch == '!' || ch == '?' || ch == '…') {
        int end = i + 1;
        while (end < n && isTerminalOrCloser(text.charAt(end))) end++;
        if (content && isBoundary(text, i, end, n)) {
          record(text, end, sentences++, starts);
          content = false;
        }
        i = end;
        continue;
      }
      i++;
    }
    return content ? sentences + 1 : sentences;
  }

  /** The start of sentence {@code index + 1}: the first non-space character at or after {@code from}. */
  private static void record(String text, int from, int index, int[] starts) {
    if (starts == null) return;
    while (from < text.length() && Character.isWhitespace(text.charAt(from))) from++;
    starts[index] = from;
  }

  private static boolean isCjkTerminalOrCloser(char c) {
    return "。！？｡」』”’）)\"".indexOf(c) >= 0;
  }

  private static boolean isTerminalOrCloser(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…' || c == '"' || c == '\'' || c == ')' || c == ']'
        || c == '”' || c == '’' || c == '»';
  }

  private static boolean isBoundary(String text, int mark, int end, int n) {
    if (end >= n) return true;
    if (!Character.isWhitespace(text.charAt(end))) return false;
    int next = end;
    while (next < n && Character.isWhitespace(text.charAt(next))) next++;
    if (next >= n) return true;
    char c = text.charAt(next);
    if (!(Character.isUpperCase(c) || Character.isDigit(c) || Character.isTitleCase(c) || "\"'“‘«([".indexOf(c) >= 0
        || (Character.isLetter(c) && !Character.isLowerCase(c)))) {
      return false;
    }
    if (text.charAt(mark) != '.') return true;
    int wordStart = mark;
    while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1)) && text.charAt(wordStart - 1) != '(') {
      wordStart--;
    }
    int len = mark - wordStart;
    if (len == 1 && Character.isLetter(text.charAt(wordStart))) return false;
    // "No. 5" is a number sign, "No. It is" a sentence.
    if (len == 2 && text.regionMatches(true, wordStart, "no", 0, 2)) return !Character.isDigit(c);
    return len == 0 || len > 6 || !ABBREVIATIONS.contains(text.substring(wordStart, mark).toLowerCase(java.util.Locale.ROOT));
  }
}
