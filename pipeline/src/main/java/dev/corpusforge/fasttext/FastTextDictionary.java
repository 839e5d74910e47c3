package dev.corpusforge.fasttext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * fastText's dictionary and its mapping of a line of text to input rows: each word's own row (when in the vocabulary),
 * its character n-grams of {@code minn..maxn} UTF-8 characters inside {@code <word>}, and the word n-grams up to
 * {@code wordNgrams}, both hashed into {@code bucket} rows after the words (FNV-1a over bytes, each byte
 * sign-extended as fastText's {@code int8_t} cast does). A line ends with the end-of-sentence word {@code </s>}.
 * Layout: {@code int32 size, nwords, nlabels; int64 ntokens, pruneidxSize}; per entry a NUL-terminated word,
 * {@code int64 count, int8 type} (0 word, 1 label); then {@code pruneidxSize} pairs {@code int32 from, to}.
 */
final class FastTextDictionary {
  static final byte[] EOS = "</s>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL_PREFIX = "__label__".getBytes(StandardCharsets.US_ASCII);
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 16777619;
  private static final long WORD_NGRAM_PRIME = 116049371L;

  private final byte[][] words;
  private final long[] counts;
  private final byte[] types;
  private final int nwords;
  private final int nlabels;
  private final int[] word2int;
  /** -1: not pruned; otherwise the kept n-gram buckets, sorted, and the row each maps to. */
  private final long pruneidxSize;
  private final int[] pruneFrom;
  private final int[] pruneTo;
  private final int minn;
  private final int maxn;
  private final int bucket;
  private final int wordNgrams;

  private FastTextDictionary(byte[][] words, long[] counts, byte[] types, int nwords, int nlabels, long pruneidxSize,
      int[] pruneFrom, int[] pruneTo, FastTextModel.Args args) {
    this.words = words;
    this.counts = counts;
    this.types = types;
    this.nwords = nwords;
    this.nlabels = nlabels;
    this.pruneidxSize = pruneidxSize;
    this.pruneFrom = pruneFrom;
    this.pruneTo = pruneTo;
    this.minn = args.minn;
    this.maxn = args.maxn;
    this.bucket = args.bucket;
    this.wordNgrams = args.wordNgrams;
    this.word2int = new int[(int) Math.ceil(words.length / 0.7)];
    Arrays.fill(word2int, -1);
    for (int i = 0; i < words.length; i++) word2int[find(words[i], 0, words[i].length, hash(words[i], 0, words[i].length))] = i;
  }

  static FastTextDictionary read(LittleEndianInput in, FastTextModel.Args args) throws IOException {
    int size = in.readInt();
    int nwords = in.readInt();
    int nlabels = in.readInt();
    in.readLong(); // ntokens: only used in training
    long pruneidxSize = in.readLong();
    byte[][] words = new byte[size][];
    long[] counts = new long[size];
    byte[] types = new byte[size];
    for (int i = 0; i < size; i++) {
      words[i] = in.readCString();
      counts[i] = in.readLong();
      types[i] = in.readByte();
    }
    int pruned = (int) Math.max(0, pruneidxSize);
    long[] pairs = new long[pruned];
    for (int i = 0; i < pruned; i++) pairs[i] = ((long) in.readInt() << 32) | (in.readInt() & 0xffffffffL);
    Arrays.sort(pairs);
    int[] from = new int[pruned];
    int[] to = new int[pruned];
    for (int i = 0; i < pruned; i++) {
      from[i] = (int) (pairs[i] >> 32);
      to[i] = (int) pairs[i];
    }
    return new FastTextDictionary(words, counts, types, nwords, nlabels, pruneidxSize, from, to, args);
  }

  int nwords() { return nwords; }

  int nlabels() { return nlabels; }

  String label(int i) {
    return new String(words[nwords + i], StandardCharsets.UTF_8);
  }

  /** Occurrences of each label in the training data, in label order (the hierarchical softmax tree is built on them). */
  long[] labelCounts() {
    return Arrays.copyOfRange(counts, nwords, nwords + nlabels);
  }

  static int hash(byte[] b, int off, int len) {
    int h = FNV_OFFSET;
    for (int i = off; i < off + len; i++) {
      h ^= b[i]; // the byte sign-extended, as fastText's uint32_t(int8_t(c))
      h *= FNV_PRIME;
    }
    return h;
  }

  private int find(byte[] b, int off, int len, int h) {
    int id = Integer.remainderUnsigned(h, word2int.length);
    while (word2int[id] != -1 && !Arrays.equals(words[word2int[id]], 0, words[word2int[id]].length, b, off, off + len)) {
      id = (id + 1) % word2int.length;
    }
    return id;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\f' || c == 0;
  }

  /** Reusable buffers of one caller: the line's input rows and word hashes, and a scratch for {@code <word>}. */
  static final class Line {
    int[] rows = new int[256];
    int size;
    int[] hashes = new int[64];
    int words;
    byte[] wrapped = new byte[64];

    void add(int row) {
      if (size == rows.length) rows = Arrays.copyOf(rows, size * 2);
      rows[size++] = row;
    }

    void addHash(int h) {
      if (words == hashes.length) hashes = Arrays.copyOf(hashes, words * 2);
      hashes[words++] = h;
    }
  }

  /**
   * The input rows of {@code text[0..len)} read as one line: its words split on fastText's whitespace (line breaks
   * included, so a document's line breaks count as spaces), then {@code </s>}, as {@code fasttext predict} and the
   * Python {@code predict(text)} see a line.
   */
  void line(byte[] text, int len, Line line) {
    line.size = 0;
    line.words = 0;
    int i = 0;
    while (i < len) {
      while (i < len && isSpace(text[i])) i++;
      int start = i;
      while (i < len && !isSpace(text[i])) i++;
      if (i > start) addToken(text, start, i - start, line);
    }
    addToken(EOS, 0, EOS.length, line);
    addWordNgrams(line);
  }

  private void addToken(byte[] b, int off, int len, Line line) {
    int h = hash(b, off, len);
    int wid = word2int[find(b, off, len, h)];
    boolean label = wid >= 0 ? types[wid] == 1 : startsWith(b, off, len, LABEL_PREFIX);
    if (label) return;
    boolean eos = len == EOS.length && Arrays.equals(b, off, off + len, EOS, 0, EOS.length);
    if (wid >= 0) line.add(wid);
    if (!eos && (wid < 0 || maxn > 0)) addSubwords(b, off, len, line);
    line.addHash(h);
  }

  private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
    return len >= prefix.length && Arrays.equals(b, off, off + prefix.length, prefix, 0, prefix.length);
  }

  /** fastText's computeSubwords on {@code <word>}: n-grams of n UTF-8 characters, no lone {@code <} or {@code >}. */
  private void addSubwords(byte[] b, int off, int len, Line line) {
    if (maxn <= 0) return;
    int n0 = len + 2;
    if (line.wrapped.length < n0) line.wrapped = new byte[Math.max(n0, line.wrapped.length * 2)];
    byte[] w = line.wrapped;
    w[0] = '<';
    System.arraycopy(b, off, w, 1, len);
    w[n0 - 1] = '>';
    for (int i = 0; i < n0; i++) {
      if ((w[i] & 0xC0) == 0x80) continue;
      int h = FNV_OFFSET;
      int j = i;
      for (int n = 1; j < n0 && n <= maxn; n++) {
        h = (h ^ w[j++]) * FNV_PRIME;
        while (j < n0 && (w[j] & 0xC0) == 0x80) h = (h ^ w[j++]) * FNV_PRIME;
        if (n >= minn && !(n == 1 && (i == 0 || j == n0))) pushHash(line, Integer.remainderUnsigned(h, bucket));
      }
    }
  }

  /** Word n-grams: fastText widens each int32 word hash to uint64 with sign extension before mixing. */
  private void addWordNgrams(Line line) {
    for (int i = 0; i < line.words; i++) {
      long h = line.hashes[i];
      for (int j = i + 1; j < line.words && j < i + wordNgrams; j++) {
        h = h * WORD_NGRAM_PRIME + line.hashes[j];
        pushHash(line, (int) Long.remainderUnsigned(h, bucket));
      }
    }
  }

  private void pushHash(Line line, int id) {
    if (pruneidxSize == 0 || id < 0) return;
    if (pruneidxSize > 0) {
      int at = Arrays.binarySearch(pruneFrom, id);
      if (at < 0) return;
      id = pruneTo[at];
    }
    line.add(nwords + id);
  }
}
