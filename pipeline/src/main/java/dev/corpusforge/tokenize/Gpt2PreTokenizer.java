package dev.corpusforge.tokenize;

/**
 * A hand-written scanner equal to the GPT-2 / r50k_base / p50k_base pattern of tiktoken (and of jtokkit and the
 * Hugging Face ByteLevel pre-tokenizer):
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}. Scanning by hand instead of
 * running java.util.regex is what makes pre-tokenization cheap; {@code PreTokenizerTest} checks it against the regex.
 */
public final class Gpt2PreTokenizer extends ScannerPreTokenizer {
  private static final long serialVersionUID = 1L;
  public static final String PATTERN = "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  @Override protected int pieceEnd(String s, int i, int to) {
    return next(s, i, to);
  }

  /** End of the piece that starts at {@code i}. */
  static int next(String s, int i, int to) {
    int c = cp(s, i);
    if (c == '\'' && i + 1 < to) {
      char a = s.charAt(i + 1);
      if (a == 's' || a == 'd' || a == 'm' || a == 't') return i + 2;
      if (i + 2 < to) {
        char b = s.charAt(i + 2);
        if ((a == 'l' && b == 'l') || (a == 'v' && b == 'e') || (a == 'r' && b == 'e')) return i + 3;
      }
    }
    int j = i;
    byte cls = UnicodeClasses.of(c);
    if (c == ' ' && i + 1 < to) {
      int d = cp(s, i + 1);
      byte dc = UnicodeClasses.of(d);
      if (dc != UnicodeClasses.S) {
        j = i + 1;
        c = d;
        cls = dc;
      }
    }
    if (cls != UnicodeClasses.S) {
      // ` ?\p{L}+`, ` ?\p{N}+` or ` ?[^\s\p{L}\p{N}]+`: a run of the first char's class.
      int k = j + width(c);
      while (k < to) {
        int e = cp(s, k);
        if (UnicodeClasses.of(e) != cls) break;
        k += width(e);
      }
      return k;
    }
    // Whitespace: `\s+(?!\S)` leaves the run's last char to prefix the next word, else `\s+`.
    int k = i + width(c);
    int last = i;
    while (k < to) {
      int e = cp(s, k);
      if (UnicodeClasses.of(e) != UnicodeClasses.S) break;
      last = k;
      k += width(e);
    }
    if (k >= to) return k;
    return last > i ? last : k;
  }
}
