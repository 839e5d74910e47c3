package dev.corpusforge.dedup;

import dev.corpusforge.config.DedupConfig;
import java.util.SplittableRandom;

/**
 * MinHash signatures and their LSH band keys. Permutation i maps a shingle hash x to a_i * x + b_i (mod 2^64, a_i
 * odd, so a bijection), as datatrove's 64-bit MinHash does before its Mersenne-prime reduction; the signature keeps
 * the unsigned minimum of each permutation over the document's shingles. Band j's key is XXH64 of its rows, so two
 * documents share a bucket in band j exactly when those rows of their signatures agree (up to 2^-64).
 * The parameters come from a fixed seed: every executor and every rerun computes the same signatures.
 */
final class MinHashSignatures {
  private final int bands;
  private final int rows;
  private final long[] a;
  private final long[] b;
  private final long[] signature;

  MinHashSignatures(DedupConfig.Near near) {
    if (near.bands < 1 || near.rows < 1) {
      throw new IllegalArgumentException("dedup.near.bands and dedup.near.rows must be at least 1, got "
          + near.bands + " and " + near.rows);
    }
    bands = near.bands;
    rows = near.rows;
    int k = bands * rows;
    a = new long[k];
    b = new long[k];
    SplittableRandom random = new SplittableRandom(near.seed);
    for (int i = 0; i < k; i++) {
      a[i] = random.nextLong() | 1L;
      b[i] = random.nextLong();
    }
    signature = new long[k];
  }

  /** The signature of {@code count} shingle hashes; the returned array is reused by the next call. */
  long[] signature(long[] shingles, int count) {
    long[] sig = signature;
    // One permutation at a time over all shingles keeps its minimum in a register (the shingles stay in L1). Minima
    // are kept with the sign bit flipped so that a signed comparison orders them as unsigned values.
    for (int i = 0; i < sig.length; i++) {
      long ai = a[i];
      long bi = b[i];
      long min = Long.MAX_VALUE;
      for (int s = 0; s < count; s++) min = Math.min(min, (ai * shingles[s] + bi) ^ Long.MIN_VALUE);
      sig[i] = min;
    }
    return sig;
  }

  /** One key per band of the signature; empty for a document without shingles, which takes no part in near dedup. */
  long[] bandKeys(long[] shingles, int count) {
    if (count == 0) return new long[0];
    long[] sig = signature(shingles, count);
    long[] keys = new long[bands];
    for (int j = 0; j < bands; j++) keys[j] = XxHash64.hashLongs(sig, j * rows, rows, j);
    return keys;
  }
}
