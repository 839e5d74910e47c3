package dev.corpusforge.tokenize;

/**
 * BPE merges as a primitive hash table from a pair of adjacent token ids to the merge's rank (lower merges first) and
 * the id of the merged token. One structure serves both kinds of vocabulary: for tiktoken encodings a pair merges
 * when the concatenation of its bytes has a rank, and that rank is also the new id; for Hugging Face files the
 * rank is the line of the merge in the merges list.
 */
public final class MergeTable {
  private long[] keys;
  private int[] ranks;
  private int[] ids;
  private int size;
  private int mask;

  public MergeTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    ranks = new int[cap];
    ids = new int[cap];
    java.util.Arrays.fill(keys, -1L);
    mask = cap - 1;
  }

  private static long key(int left, int right) { return ((long) left << 32) | (right & 0xFFFFFFFFL); }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & mask;
  }

  /** Adds a merge unless the pair already has one with a lower rank. */
  public void put(int left, int right, int rank, int id) {
    if (size * 2 >= keys.length) grow();
    long k = key(left, right);
    int s = slot(k, mask);
    while (keys[s] != -1L) {
      if (keys[s] == k) {
        if (rank < ranks[s]) {
          ranks[s] = rank;
          ids[s] = id;
        }
        return;
      }
      s = (s + 1) & mask;
    }
    keys[s] = k;
    ranks[s] = rank;
    ids[s] = id;
    size++;
  }

  private int find(int left, int right) {
    long k = key(left, right);
    int s = slot(k, mask);
    while (true) {
      long at = keys[s];
      if (at == k) return s;
      if (at == -1L) return -1;
      s = (s + 1) & mask;
    }
  }

  /** Rank of the merge of this pair, or -1 when the pair does not merge. */
  public int rank(int left, int right) {
    int s = find(left, right);
    return s < 0 ? -1 : ranks[s];
  }

  /** Id of the merged token; only valid for a pair whose {@link #rank} is not -1. */
  public int mergedId(int left, int right) {
    return ids[find(left, right)];
  }

  public int size() { return size; }

  private void grow() {
    long[] ok = keys;
    int[] or = ranks;
    int[] oi = ids;
    keys = new long[ok.length * 2];
    java.util.Arrays.fill(keys, -1L);
    ranks = new int[ok.length * 2];
    ids = new int[ok.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < ok.length; i++) {
      if (ok[i] != -1L) put((int) (ok[i] >>> 32), (int) ok[i], or[i], oi[i]);
    }
  }
}
