package dev.corpusforge.bench;

import dev.corpusforge.training.model.AdamW;
import dev.corpusforge.training.model.Backend;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.train.TinyModels;
import dev.corpusforge.training.train.TrainConfig;


/**
 * Cost of untying the output projection: one training step (loss + backward, then AdamW) of the default model, tied
 * and untied, alternating step by step so that load on a shared box hits both alike.
 * bin/bench training TiedUntiedStepBench [steps] [vocab]
 */
public final class TiedUntiedStepBench {
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 50257;
    System.out.println("backend " + Backend.describe() + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
        + ", " + steps + " timed steps after 1 warm-up");
    Gpt[] models = new Gpt[2];
    AdamW[] optimizers = new AdamW[2];
    for (int i = 0; i < 2; i++) {
      TrainConfig c = new TrainConfig();
      c.tieEmbedding = i == 0;
      models[i] = Gpt.initialize(c, vocab);
      optimizers[i] = AdamW.fresh(c, models[i].layout().decayMask(models[i].dataType()));
    }
    double[][] seconds = new double[2][2];
    for (int step = 0; step <= steps; step++)
      for (int i = 0; i < 2; i++) {
        TrainConfig c = models[i].config();
        int[][] windows = TinyModels.randomWindows(c.batchPerWorker, c.context, vocab, step);
        long start = System.nanoTime();
        models[i].loss(windows, true);
        long mid = System.nanoTime();
        optimizers[i].step(models[i].params(), models[i].grads(), step);
        long end = System.nanoTime();
        if (step == 0) continue; // warm-up
        seconds[i][0] += (mid - start) / 1e9 / steps;
        seconds[i][1] += (end - mid) / 1e9 / steps;
      }
    for (int i = 0; i < 2; i++) {
      TrainConfig c = models[i].config();
      System.out.printf("L=%d C=%d T=%d vocab=%d batch=%d %s: %d params, loss+backward %.3f s, AdamW %.3f s, step %.3f s%n",
          c.layers, c.width, c.context, vocab, c.batchPerWorker, c.tieEmbedding ? "tied  " : "untied",
          models[i].params().length(), seconds[i][0], seconds[i][1], seconds[i][0] + seconds[i][1]);
    }
  }
}
