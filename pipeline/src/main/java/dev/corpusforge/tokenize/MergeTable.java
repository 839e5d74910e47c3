package dev.corpusforge.tokenize;

/**
 * BPE merges as a primitive hash table from a pair of adjacent token ids to the merge's rank (lower merges first) and
 * the id of the merged token. One structure serves both kinds of vocabulary: for tiktoken encodings a pair merges
 * when the concatenation of its bytes has a rank, and that rank is also the new id; for Hugging Face files the
 * rank is the line of the merge in the merges list. Key and value share one array, so a lookup in a table larger than
 * the CPU cache costs one memory access, not three.
 */
public final class MergeTable {
  /** No merge for the pair: greater than every {@link #value}, so a scan for the lowest value skips it. */
  public static final long NONE = Long.MAX_VALUE;
  private static final long EMPTY = -1L;
  /** Slot s holds its key at 2s and (rank << 32 | merged id) at 2s + 1. */
  private long[] table;
  private int size;
  private int mask;

  public MergeTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    table = emptyTable(cap);
    mask = cap - 1;
  }

  private static long[] emptyTable(int cap) {
    long[] t = new long[2 * cap];
    for (int s = 0; s < t.length; s += 2) t[s] = EMPTY;
    return t;
  }

  private static long key(int left, int right) { return ((long) left << 32) | (right & 0xFFFFFFFFL); }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & mask;
  }

  /** Adds a merge unless the pair already has one with a lower rank. */
  public void put(int left, int right, int rank, int id) {
    if (size * 2 >= mask + 1) grow();
    long k = key(left, right);
    long v = ((long) rank << 32) | id;
    int s = slot(k, mask);
    while (table[2 * s] != EMPTY) {
      if (table[2 * s] == k) {
        if (v < table[2 * s + 1]) table[2 * s + 1] = v;
        return;
      }
      s = (s + 1) & mask;
    }
    table[2 * s] = k;
    table[2 * s + 1] = v;
    size++;
  }

  /**
   * {@code rank << 32 | merged id} of this pair's merge, or {@link #NONE}. Ordering values orders merges by rank: two
   * pairs of one rank have the same merged token in both kinds of vocabulary.
   */
  public long value(int left, int right) {
    long k = key(left, right);
    int s = slot(k, mask);
    while (true) {
      long at = table[2 * s];
      if (at == k) return table[2 * s + 1];
      if (at == EMPTY) return NONE;
      s = (s + 1) & mask;
    }
  }

  public static int rankOf(long value) { return (int) (value >>> 32); }

  public static int idOf(long value) { return (int) value; }

  public int size() { return size; }

  private void grow() {
    long[] old = table;
    table = emptyTable(2 * (mask + 1));
    mask = 2 * mask + 1;
    size = 0;
    for (int s = 0; s < old.length; s += 2) {
      if (old[s] != EMPTY) put((int) (old[s] >>> 32), (int) old[s], rankOf(old[s + 1]), idOf(old[s + 1]));
    }
  }
}
