package dev.corpusforge.tokenize;

/**
 * A hand-written scanner equal to cl100k_base's pattern (tiktoken's openai_public.py, compiled by jtokkit with
 * {@code UNICODE_CHARACTER_CLASS}):
 * {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}.
 * {@code TiktokenExactnessTest} checks it against jtokkit on every sample document.
 */
public final class Cl100kPreTokenizer extends ScannerPreTokenizer {
  private static final long serialVersionUID = 1L;

  @Override protected int pieceEnd(String s, int i, int to) {
    return next(s, i, to);
  }

  private static boolean newline(int cp) { return cp == '\r' || cp == '\n'; }

  private static int run(String s, int k, int to, byte cls) {
    while (k < to) {
      int e = cp(s, k);
      if (UnicodeClasses.of(e) != cls) break;
      k += width(e);
    }
    return k;
  }

  static int next(String s, int i, int to) {
    int contraction = contraction(s, i, to);
    if (contraction > 0) return i + contraction;
    int c = cp(s, i);
    byte cls = UnicodeClasses.of(c);
    int w = width(c);
    if (cls == UnicodeClasses.L) return run(s, i + w, to, UnicodeClasses.L);
    int nextCp = i + w < to ? cp(s, i + w) : -1;
    byte nextCls = nextCp < 0 ? -1 : UnicodeClasses.of(nextCp);
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (cls != UnicodeClasses.N && !newline(c) && nextCls == UnicodeClasses.L) {
      return run(s, i + w + width(nextCp), to, UnicodeClasses.L);
    }
    // \p{N}{1,3}
    if (cls == UnicodeClasses.N) {
      int k = i + w;
      for (int n = 1; n < 3 && k < to; n++) {
        int e = cp(s, k);
        if (UnicodeClasses.of(e) != UnicodeClasses.N) break;
        k += width(e);
      }
      return k;
    }
    //  ?[^\s\p{L}\p{N}]+[\r\n]*
    int start = -1;
    if (cls == UnicodeClasses.OTHER) start = i;
    else if (c == ' ' && nextCls == UnicodeClasses.OTHER) start = i + 1;
    if (start >= 0) {
      int k = run(s, start, to, UnicodeClasses.OTHER);
      while (k < to && newline(s.charAt(k))) k++;
      return k;
    }
    // Whitespace. \s*[\r\n]+ : up to and including the run's last \r or \n.
    int k = i;
    int lastNewline = -1;
    int last = i;
    while (k < to) {
      int e = cp(s, k);
      if (UnicodeClasses.of(e) != UnicodeClasses.S) break;
      if (newline(e)) lastNewline = k;
      last = k;
      k += width(e);
    }
    if (lastNewline >= 0) return lastNewline + 1;
    // \s+(?!\S) leaves the run's last char to prefix the next piece, else \s+.
    if (k >= to) return k;
    return last > i ? last : k;
  }
}
