package dev.corpusforge.training.train;

import java.util.SplittableRandom;

/**
 * Draws training windows of context+1 tokens (inputs and next-token labels) the way Megatron's and llm.c's loaders
 * do, with O(1) memory at any corpus size. Each epoch the token stream is cut into non-overlapping windows starting
 * at a seeded random shift; window j belongs to worker j mod workers (disjoint data per worker); each worker visits
 * its windows in a seeded affine permutation k -> (a k + b) mod m. The position (windows drawn so far by this
 * worker) fully determines what comes next, so {@link #seek} resumes exactly.
 */
public final class WindowSampler {
  private final TokenSource source;
  private final int window;
  private final int worker;
  private final int workers;
  private final long seed;
  private final long perWorker;
  private long position;
  private long epoch = -1;
  private long shift, multiplier, offset;

  public WindowSampler(TokenSource source, int context, int worker, int workers, long seed) {
    this.source = source;
    this.window = context + 1;
    this.worker = worker;
    this.workers = workers;
    this.seed = seed;
    long windows = (source.length() - (window - 1)) / window;
    this.perWorker = windows / workers;
    if (perWorker < 1)
      throw new IllegalArgumentException("the training split has " + source.length() + " tokens, fewer than one window of "
          + window + " per worker for " + workers + " workers; shard more data or lower --context / --workers");
  }

  /** Windows each worker sees per epoch. */
  public long windowsPerEpoch() {
    return perWorker;
  }

  public long position() {
    return position;
  }

  public void seek(long position) {
    this.position = position;
  }

  /** The next batch of windows, each context+1 tokens. */
  public int[][] next(int batch) {
    int[][] windows = new int[batch][window];
    for (int b = 0; b < batch; b++) {
      long e = position / perWorker;
      if (e != epoch) startEpoch(e);
      long k = position % perWorker;
      long j = Math.floorMod(multiplier * k + offset, perWorker) * workers + worker;
      source.read(shift + j * window, windows[b], 0, window);
      position++;
    }
    return windows;
  }

  private void startEpoch(long e) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e);
    // windows were counted over length - (window - 1) tokens, so any shift < window keeps them inside the stream
    shift = random.nextInt(window);
    multiplier = coprime(random, perWorker);
    offset = random.nextLong(perWorker);
    epoch = e;
  }

  private static long coprime(SplittableRandom random, long m) {
    if (m == 1) return 1;
    long a = 1 + random.nextLong(m - 1);
    while (gcd(a, m) != 1) a = a % (m - 1) + 1;
    return a;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
