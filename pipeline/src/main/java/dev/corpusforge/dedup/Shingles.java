package dev.corpusforge.dedup;

import java.util.Arrays;

/**
 * Word n-gram shingles of a text as 64-bit hashes, with the buffers of one partition reused for every document.
 * A word is a maximal run of letters and digits, lower-cased (punctuation and spacing do not matter, as in FineWeb's
 * normalization before MinHash); the text normalized this way is also what exact dedup hashes. A shingle hash is XXH64
 * over the hashes of n consecutive words, taken over a rolling window of word offsets, so no string or object is
 * made per word or per shingle. A text with fewer than n words is one shingle of all its words.
 */
final class Shingles {
  private final int n;
  private char[] normalized = new char[1 << 12];
  private int normalizedLength;
  private long[] words = new long[256];
  private int wordCount;
  private long[] shingles = new long[256];
  private int shingleCount;

  Shingles(int n) {
    if (n < 1) throw new IllegalArgumentException("dedup.near.ngram must be at least 1, got " + n);
    this.n = n;
  }

  /** Tokenizes and hashes {@code text}; afterwards the accessors describe it. */
  Shingles scan(String text) {
    normalizedLength = 0;
    wordCount = 0;
    shingleCount = 0;
    int len = text == null ? 0 : text.length();
    ensureChars(len + 1);
    int wordStart = -1;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
        if (wordStart < 0) {
          if (normalizedLength > 0) normalized[normalizedLength++] = ' ';
          wordStart = normalizedLength;
        }
        normalized[normalizedLength++] = Character.toLowerCase(c);
      } else if (wordStart >= 0) {
        addWord(wordStart);
        wordStart = -1;
      }
    }
    if (wordStart >= 0) addWord(wordStart);
    hashShingles();
    return this;
  }

  int wordCount() { return wordCount; }

  /** The shingle hashes of the last scanned text, valid up to {@link #count()}; overwritten by the next scan. */
  long[] hashes() { return shingles; }

  int count() { return shingleCount; }

  /** The distinct shingle hashes, sorted: the set exact Jaccard similarity is computed on. */
  long[] distinctSorted() {
    long[] s = Arrays.copyOf(shingles, shingleCount);
    Arrays.sort(s);
    int k = 0;
    for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) s[k++] = s[i];
    return Arrays.copyOf(s, k);
  }

  /**
   * 128 bits of XXH64 (two seeds) over the normalized text, in hex, or null for a text without words: two texts
   * that differ only in case, punctuation or spacing get the same key.
   */
  String exactKey() {
    if (wordCount == 0) return null;
    long a = XxHash64.hashChars(normalized, 0, normalizedLength, 0);
    long b = XxHash64.hashChars(normalized, 0, normalizedLength, 0x5DEECE66DL);
    return String.format("%016x%016x", a, b);
  }

  private void addWord(int start) {
    if (wordCount == words.length) words = Arrays.copyOf(words, wordCount * 2);
    words[wordCount++] = XxHash64.hashChars(normalized, start, normalizedLength - start, 0);
  }

  private void hashShingles() {
    int count = wordCount == 0 ? 0 : Math.max(1, wordCount - n + 1);
    if (shingles.length < count) shingles = new long[Math.max(count, shingles.length * 2)];
    int width = Math.min(n, wordCount);
    for (int i = 0; i < count; i++) shingles[i] = XxHash64.hashLongs(words, i, width, 0);
    shingleCount = count;
  }

  private void ensureChars(int len) {
    // Each character yields at most itself plus one separating space.
    if (normalized.length < 2 * len) normalized = new char[Math.max(2 * len, normalized.length * 2)];
  }
}
