package dev.corpusforge.tokenize;

import java.util.Map;

/**
 * Encodes text with a {@link BpeModel}: splits it into pieces, looks each piece up in a cache of recent pieces, and
 * otherwise merges the piece's UTF-8 bytes: the lowest-ranked, leftmost pair merges first, as in tiktoken's
 * {@code _byte_pair_merge} and Hugging Face's {@code Word::merge_all}. Short pieces find that pair by a scan; long ones
 * keep the parts in a linked list and candidate pairs in a binary heap, so a piece megabytes long is O(n log n).
 * By default the text is ordinary text, as in tiktoken's {@code encode_ordinary}: a document that contains
 * {@code <|endoftext|>} gets the tokens of those 13 characters, not the end-of-text id. An encoder made with special
 * tokens allowed matches the model's {@link BpeModel#addedTokens} in the text first, as Hugging Face's {@code encode}
 * and tiktoken's {@code encode(allowed_special="all")} do.
 * Not thread-safe: one per thread.
 */
public final class BpeEncoder {
  /** Pieces longer than this (in chars) are not cached: they are rare and would evict common words. */
  private static final int CACHE_MAX_CHARS = 24;
  private static final int CACHE_BITS = 16;
  /** Pieces of up to this many UTF-8 bytes merge by scanning, longer ones through the heap. */
  private static final int SMALL_PIECE = 64;

  private final BpeModel model;
  private final MergeTable merges;
  private final int[] byteIds;
  /** Strings of the text that become one token each: the model's added tokens, or none for ordinary text. */
  private final Map<String, Integer> matched;
  private final char[][] cacheKeys = new char[1 << CACHE_BITS][];
  private final int[][] cacheValues = new int[1 << CACHE_BITS][];
  private byte[] bytes = new byte[256];
  private int[] ids = new int[256];
  private int[] next = new int[256];
  private int[] prev = new int[256];
  private long[] pairs = new long[256];
  private long[] heap = new long[768];
  private final TokenBuffer out = new TokenBuffer();
  private final PreTokenizer.Pieces sink = this::piece;
  private String text;
  private TokenBuffer target;

  BpeEncoder(BpeModel model, boolean allowSpecialTokens) {
    this.model = model;
    this.matched = allowSpecialTokens ? model.addedTokens : Map.of();
    this.merges = model.merges;
    this.byteIds = model.byteIds;
  }

  public BpeModel model() { return model; }

  /** The token ids of {@code text}. */
  public int[] encode(String text) {
    out.clear();
    encode(text, out);
    return out.toArray();
  }

  /** Appends the token ids of {@code text} to {@code target}. */
  public void encode(String text, TokenBuffer target) {
    this.text = text;
    this.target = target;
    try {
      if (matched.isEmpty()) {
        split(0, text.length());
      } else {
        encodeAroundAddedTokens(text);
      }
    } finally {
      this.text = null;
      this.target = null;
    }
  }

  /** Hugging Face matches added tokens in the raw text first, then pre-tokenizes the spans between them. */
  private void encodeAroundAddedTokens(String s) {
    int from = 0;
    int i = 0;
    while (i < s.length()) {
      Map.Entry<String, Integer> hit = null;
      for (Map.Entry<String, Integer> e : matched.entrySet()) {
        if (s.startsWith(e.getKey(), i) && (hit == null || e.getKey().length() > hit.getKey().length())) hit = e;
      }
      if (hit == null) {
        i++;
        continue;
      }
      if (i > from) split(from, i);
      target.add(hit.getValue());
      i += hit.getKey().length();
      from = i;
    }
    if (from < s.length()) split(from, s.length());
  }

  private void split(int from, int to) {
    if (model.addPrefixSpace && text.charAt(from) != ' ') {
      // ByteLevel(add_prefix_space) pre-tokenizes " " + text; encode that string instead.
      String saved = text;
      text = " " + text.substring(from, to);
      model.preTokenizer.split(text, 0, text.length(), sink);
      text = saved;
      return;
    }
    model.preTokenizer.split(text, from, to, sink);
  }

  private void piece(int start, int end) {
    int len = end - start;
    if (len <= CACHE_MAX_CHARS) {
      int h = 0;
      for (int i = start; i < end; i++) h = 31 * h + text.charAt(i);
      int slot = (h ^ (h >>> CACHE_BITS)) & ((1 << CACHE_BITS) - 1);
      char[] k = cacheKeys[slot];
      if (k != null && k.length == len && sameChars(k, start)) {
        target.addAll(cacheValues[slot]);
        return;
      }
      int before = target.size();
      merge(start, end);
      int[] v = new int[target.size() - before];
      for (int i = 0; i < v.length; i++) v[i] = target.get(before + i);
      char[] key = new char[len];
      text.getChars(start, end, key, 0);
      cacheKeys[slot] = key;
      cacheValues[slot] = v;
    } else {
      merge(start, end);
    }
  }

  private boolean sameChars(char[] k, int start) {
    for (int i = 0; i < k.length; i++) if (k[i] != text.charAt(start + i)) return false;
    return true;
  }

  /** UTF-8 bytes of text[start, end) into {@code bytes}; an unpaired surrogate becomes '?', as String.getBytes does. */
  private int utf8(int start, int end) {
    int need = (end - start) * 3;
    if (bytes.length < need) bytes = new byte[Math.max(need, bytes.length * 2)];
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else if (c < 0x800) {
        bytes[n++] = (byte) (0xC0 | (c >> 6));
        bytes[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, text.charAt(++i));
          bytes[n++] = (byte) (0xF0 | (cp >> 18));
          bytes[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          bytes[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          bytes[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          bytes[n++] = '?';
        }
      } else {
        bytes[n++] = (byte) (0xE0 | (c >> 12));
        bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }

  private void merge(int start, int end) {
    int n = utf8(start, end);
    if (n == 1) {
      target.add(byteIds[bytes[0] & 0xFF]);
      return;
    }
    if (ids.length < n) {
      ids = new int[n];
      next = new int[n];
      prev = new int[n];
      pairs = new long[n];
      heap = new long[3 * n];
    }
    for (int i = 0; i < n; i++) ids[i] = byteIds[bytes[i] & 0xFF];
    if (n <= SMALL_PIECE) mergeByScan(n);
    else mergeByHeap(n);
  }

  /**
   * Short pieces (nearly all of them): the parts stay packed in {@code ids} with each adjacent pair's merge in
   * {@code pairs}, and each step merges the lowest, leftmost one found by a scan, as tiktoken's
   * {@code _byte_pair_merge} does. Quadratic in the piece length but with two table lookups per merge, against four
   * or more for the heap.
   */
  private void mergeByScan(int n) {
    for (int i = 0; i + 1 < n; i++) pairs[i] = merges.value(ids[i], ids[i + 1]);
    int len = n;
    while (len > 1) {
      int best = 0;
      long lowest = pairs[0];
      for (int i = 1; i + 1 < len; i++) {
        if (pairs[i] < lowest) {
          lowest = pairs[i];
          best = i;
        }
      }
      if (lowest == MergeTable.NONE) break;
      ids[best] = MergeTable.idOf(lowest);
      System.arraycopy(ids, best + 2, ids, best + 1, len - best - 2);
      if (len - best - 3 > 0) System.arraycopy(pairs, best + 2, pairs, best + 1, len - best - 3);
      len--;
      if (best + 1 < len) pairs[best] = merges.value(ids[best], ids[best + 1]);
      if (best > 0) pairs[best - 1] = merges.value(ids[best - 1], ids[best]);
    }
    for (int i = 0; i < len; i++) target.add(ids[i]);
  }

  /** Long pieces: parts in a linked list, candidate pairs in a binary heap of (rank, position); O(n log n). */
  private void mergeByHeap(int n) {
    int heapSize = 0;
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    for (int i = 0; i + 1 < n; i++) {
      long v = merges.value(ids[i], ids[i + 1]);
      if (v != MergeTable.NONE) heapSize = push(heapSize, ((long) MergeTable.rankOf(v) << 32) | i);
    }
    while (heapSize > 0) {
      long top = heap[0];
      heapSize = pop(heapSize);
      int pos = (int) top;
      int rank = (int) (top >>> 32);
      int nx = next[pos];
      // Stale entries: the part was merged into its left neighbour, or its right neighbour changed.
      if (ids[pos] < 0 || nx < 0) continue;
      long v = merges.value(ids[pos], ids[nx]);
      if (v == MergeTable.NONE || MergeTable.rankOf(v) != rank) continue;
      ids[pos] = MergeTable.idOf(v);
      ids[nx] = -1;
      int nn = next[nx];
      next[pos] = nn;
      if (nn >= 0) {
        prev[nn] = pos;
        long r = merges.value(ids[pos], ids[nn]);
        if (r != MergeTable.NONE) heapSize = push(heapSize, ((long) MergeTable.rankOf(r) << 32) | pos);
      }
      int pv = prev[pos];
      if (pv >= 0) {
        long r = merges.value(ids[pv], ids[pos]);
        if (r != MergeTable.NONE) heapSize = push(heapSize, ((long) MergeTable.rankOf(r) << 32) | pv);
      }
    }
    for (int i = 0; i >= 0; i = next[i]) target.add(ids[i]);
  }

  private int push(int size, long v) {
    if (size == heap.length) heap = java.util.Arrays.copyOf(heap, size * 2);
    int i = size;
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (heap[p] <= v) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = v;
    return size + 1;
  }

  private int pop(int size) {
    long last = heap[--size];
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heap[c + 1] < heap[c]) c++;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return size;
  }
}
