package dev.corpusforge.clean.filters;

import dev.corpusforge.text.WordSegmenter;

/**
 * The words of a text as (start, end) offsets, split on whitespace as Gopher's {@code text.split()} does; a
 * whitespace-separated token in a script written without spaces (Chinese, Japanese, Thai...) is split further by
 * {@link WordSegmenter}, with punctuation kept on the word before it as whitespace splitting keeps it. Arrays grow
 * and are reused, so the rules read word statistics without allocating a String per word.
 */
public final class WordSpans {
  private WordSegmenter segmenter;
  private final WordSegmenter.Sink pieces = this::piece;
  private int tokenWords;
  private String text = "";
  private int[] starts = new int[256];
  private int[] ends = new int[256];
  private long[] hashes = new long[256];
  private boolean hashed;
  private int size;

  public void split(String text) {
    this.text = text;
    size = 0;
    hashed = false;
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      if (i >= n) break;
      int start = i;
      boolean dictionary = false;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        dictionary |= WordSegmenter.needsDictionary(text.charAt(i));
        i++;
      }
      if (dictionary) {
        if (segmenter == null) segmenter = new WordSegmenter();
        tokenWords = 0;
        segmenter.segment(text, start, i, pieces);
      } else {
        add(start, i);
      }
    }
  }

  /** A piece of a token: a word starts a new span, punctuation joins the word before it in the same token. */
  private void piece(int start, int end, boolean word) {
    if (!word && tokenWords > 0) {
      ends[size - 1] = end;
    } else if (tokenWords > 0 && !hasLetterOrDigit(size - 1)) {
      ends[size - 1] = end; // a word after leading punctuation joins it: "「中国" is one word, as "(China" is
    } else {
      add(start, end);
    }
    tokenWords++;
  }

  private void add(int start, int end) {
    if (size == starts.length) grow();
    starts[size] = start;
    ends[size] = end;
    size++;
  }

  private void grow() {
    int cap = starts.length * 2;
    starts = java.util.Arrays.copyOf(starts, cap);
    ends = java.util.Arrays.copyOf(ends, cap);
    hashes = new long[cap];
  }

  public String text() { return text; }
  public int size() { return size; }
  public int start(int i) { return starts[i]; }
  public int end(int i) { return ends[i]; }
  public int length(int i) { return ends[i] - starts[i]; }

  /** True when the word has a letter or a digit, i.e. is not made only of punctuation and symbols. */
  public boolean hasLetterOrDigit(int i) {
    for (int k = starts[i]; k < ends[i]; k++) if (Character.isLetterOrDigit(text.charAt(k))) return true;
    return false;
  }

  public boolean hasLetter(int i) {
    for (int k = starts[i]; k < ends[i]; k++) if (Character.isLetter(text.charAt(k))) return true;
    return false;
  }

  /** ASCII-case-insensitive comparison with a lower-case word. */
  public boolean equalsIgnoreCase(int i, String lower) {
    int len = ends[i] - starts[i];
    if (len != lower.length()) return false;
    for (int k = 0; k < len; k++) {
      if (Character.toLowerCase(text.charAt(starts[i] + k)) != lower.charAt(k)) return false;
    }
    return true;
  }

  /** A 64-bit hash of the word's characters, for n-gram counting without building n-gram strings. */
  public long hash(int i) {
    if (!hashed) {
      for (int w = 0; w < size; w++) {
        long h = 0xcbf29ce484222325L;
        for (int k = starts[w]; k < ends[w]; k++) h = (h ^ text.charAt(k)) * 0x100000001b3L;
        hashes[w] = mix(h);
      }
      hashed = true;
    }
    return hashes[i];
  }

  /** The murmur3 64-bit finalizer: spreads the bits so that combined hashes stay well distributed. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
