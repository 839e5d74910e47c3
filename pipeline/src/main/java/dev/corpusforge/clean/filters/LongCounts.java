package dev.corpusforge.clean.filters;

import java.util.Arrays;

/** An open-addressing map from 64-bit hashes to counts, cleared and reused instead of boxing into a HashMap. */
final class LongCounts {
  private long[] keys = new long[1024];
  private int[] counts = new int[1024];
  private boolean[] used = new boolean[1024];
  private int size;

  /** Empties the map, sized for about {@code expected} keys. */
  void reset(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    if (cap > keys.length) {
      keys = new long[cap];
      counts = new int[cap];
      used = new boolean[cap];
    } else {
      Arrays.fill(used, false);
    }
    size = 0;
  }

  /** Adds one to the key's count and returns the new count. */
  int increment(long key) {
    int mask = keys.length - 1;
    int i = (int) WordSpans.mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) return ++counts[i];
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    counts[i] = 1;
    if (++size * 2 > keys.length) rehash();
    return 1;
  }

  int get(long key) {
    int mask = keys.length - 1;
    int i = (int) WordSpans.mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) return counts[i];
      i = (i + 1) & mask;
    }
    return 0;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    counts = new int[keys.length];
    used = new boolean[keys.length];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (!oldUsed[j]) continue;
      int i = (int) WordSpans.mix(oldKeys[j]) & mask;
      while (used[i]) i = (i + 1) & mask;
      used[i] = true;
      keys[i] = oldKeys[j];
      counts[i] = oldCounts[j];
    }
  }
}
