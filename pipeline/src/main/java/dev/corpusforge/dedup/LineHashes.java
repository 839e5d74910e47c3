package dev.corpusforge.dedup;

import java.util.Arrays;

/**
 * Hashes of a document's lines after CCNet's normalization (lower case, digits as 0, punctuation and spacing dropped),
 * with one reusable buffer per partition. Lines shorter than the minimum after normalization get no hash: they are
 * never counted and never removed.
 */
final class LineHashes {
  static final long NONE = 0L;
  private final int minChars;
  private char[] buf = new char[256];

  LineHashes(int minChars) {
    this.minChars = Math.max(1, minChars);
  }

  /** The hash of {@code text[start, end)}, or {@link #NONE} for a line too short to count. */
  long hash(String text, int start, int end) {
    if (buf.length < 2 * (end - start) + 1) buf = new char[2 * (end - start) + 1];
    int n = 0;
    boolean inWord = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
        if (!inWord && n > 0) buf[n++] = ' ';
        buf[n++] = Character.isDigit(c) ? '0' : Character.toLowerCase(c);
        inWord = true;
      } else {
        inWord = false;
      }
    }
    if (n < minChars) return NONE;
    long h = XxHash64.hashChars(buf, 0, n, 0);
    return h == NONE ? 1L : h;
  }

  /** The distinct hashes of all countable lines of {@code text}, sorted. */
  long[] distinct(String text) {
    if (text == null || text.isEmpty()) return new long[0];
    long[] out = new long[16];
    int k = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      long h = hash(text, start, end);
      if (h != NONE) {
        if (k == out.length) out = Arrays.copyOf(out, k * 2);
        out[k++] = h;
      }
      start = end + 1;
    }
    Arrays.sort(out, 0, k);
    int m = 0;
    for (int i = 0; i < k; i++) if (i == 0 || out[i] != out[i - 1]) out[m++] = out[i];
    return Arrays.copyOf(out, m);
  }
}
