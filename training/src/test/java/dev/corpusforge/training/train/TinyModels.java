package dev.corpusforge.training.train;

import java.util.SplittableRandom;

/** Tiny configurations and random token windows for tests that need no shards. */
public final class TinyModels {
  private TinyModels() {}

  public static TrainConfig tiny(boolean doublePrecision) {
    TrainConfig c = new TrainConfig();
    c.layers = 2;
    c.width = 8;
    c.heads = 2;
    c.context = 6;
    c.batchPerWorker = 3;
    c.warmupSteps = 2;
    c.maxSteps = 10;
    c.learningRate = 1e-2;
    c.doublePrecision = doublePrecision;
    return c;
  }

  public static TrainConfig tiny(boolean doublePrecision, boolean tieEmbedding) {
    TrainConfig c = tiny(doublePrecision);
    c.tieEmbedding = tieEmbedding;
    return c;
  }

  /** batch windows of context+1 uniform random token ids. */
  public static int[][] randomWindows(int batch, int context, int vocab, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] windows = new int[batch][context + 1];
    for (int[] w : windows) for (int t = 0; t < w.length; t++) w[t] = random.nextInt(vocab);
    return windows;
  }
}
