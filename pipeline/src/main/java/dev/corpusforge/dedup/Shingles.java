package dev.corpusforge.dedup;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.text.WordSegmenter;
import java.util.Arrays;

/**
 * Word n-gram shingles of a text as 64-bit hashes, with the buffers of one partition reused for every document.
 * A word is a maximal run of letters and digits, lower-cased (punctuation and spacing do not matter, as in FineWeb's
 * normalization before MinHash); the text normalized this way is also what exact dedup hashes. A shingle hash is XXH64
 * over the hashes of n consecutive words, taken over a rolling window of word offsets, so no string or object is
 * made per word or per shingle. A text with fewer than n words is one shingle of all its words. A run in a script
 * written without spaces is split by {@link WordSegmenter}; Chinese and Japanese characters are each a word when
 * {@code dedup.near.cjkShingles} is {@code characters} (the default, by measured accuracy).
 */
final class Shingles {
  private final int n;
  private final boolean cjkCharacters;
  private WordSegmenter segmenter;
  private final WordSegmenter.Sink pieces = (start, end, word) -> addWord(start, end);
  private String text;
  private char[] normalized = new char[1 << 12];
  private int normalizedLength;
  private long[] words = new long[256];
  private int wordCount;
  private long[] shingles = new long[256];
  private int shingleCount;

  Shingles(int n, String cjkShingles) {
    if (n < 1) throw new IllegalArgumentException("dedup.near.ngram must be at least 1, got " + n);
    if (!DedupConfig.Near.CJK_SHINGLES.contains(cjkShingles)) {
      throw new IllegalArgumentException("dedup.near.cjkShingles must be one of " + DedupConfig.Near.CJK_SHINGLES + ", got "
          + cjkShingles);
    }
    this.n = n;
    this.cjkCharacters = cjkShingles.equals("characters");
  }

  Shingles(DedupConfig.Near near) {
    this(near.ngram, near.cjkShingles);
  }

  /** Tokenizes and hashes {@code text}; afterwards the accessors describe it. */
  Shingles scan(String text) {
    this.text = text;
    normalizedLength = 0;
    wordCount = 0;
    shingleCount = 0;
    int len = text == null ? 0 : text.length();
    ensureChars(len + 1);
    int runStart = -1;
    boolean dictionary = false;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
        if (runStart < 0) {
          runStart = i;
          dictionary = false;
        }
        dictionary |= WordSegmenter.needsDictionary(c);
      } else if (runStart >= 0) {
        addRun(runStart, i, dictionary);
        runStart = -1;
      }
    }
    if (runStart >= 0) addRun(runStart, len, dictionary);
    hashShingles();
    return this;
  }

  /** A maximal run of letters and digits: one word, or the words a segmenter finds in it. */
  private void addRun(int start, int end, boolean dictionary) {
    if (!dictionary) {
      addWord(start, end);
    } else if (cjkCharacters) {
      int wordStart = start;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (!WordSegmenter.isCjk(c)) continue;
        if (i > wordStart) addWord(wordStart, i);
        int next = Character.isHighSurrogate(c) && i + 1 < end ? i + 2 : i + 1;
        addWord(i, next);
        i = next - 1;
        wordStart = next;
      }
      if (end > wordStart) addWord(wordStart, end);
    } else {
      if (segmenter == null) segmenter = new WordSegmenter();
      segmenter.segment(text, start, end, pieces);
    }
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

  /** {@code text[start, end)} lower-cased into the normalized text, and its hash into the word list. */
  private void addWord(int start, int end) {
    if (normalizedLength > 0) normalized[normalizedLength++] = ' ';
    int from = normalizedLength;
    for (int i = start; i < end; i++) normalized[normalizedLength++] = Character.toLowerCase(text.charAt(i));
    if (wordCount == words.length) words = Arrays.copyOf(words, wordCount * 2);
    words[wordCount++] = XxHash64.hashChars(normalized, from, normalizedLength - from, 0);
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
