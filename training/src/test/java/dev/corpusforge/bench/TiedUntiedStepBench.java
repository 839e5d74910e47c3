package dev.corpusforge.bench;

import dev.corpusforge.training.model.AdamW;
import dev.corpusforge.training.model.Backend;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.StepWorkspace;
import dev.corpusforge.training.train.LearningRateSchedule;
import dev.corpusforge.training.train.TinyModels;
import dev.corpusforge.training.train.TrainConfig;
import org.nd4j.linalg.api.memory.MemoryWorkspace;


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
    TrainConfig[] configs = new TrainConfig[2];
    Gpt[] models = new Gpt[2];
    AdamW[] optimizers = new AdamW[2];
    for (int i = 0; i < 2; i++) {
      TrainConfig c = configs[i] = new TrainConfig();
      c.tieEmbedding = i == 0;
      models[i] = c.initialModel(vocab);
      optimizers[i] = AdamW.fresh(c.adamW(), models[i].layout().decayMask(models[i].dataType()));
    }
    double[][] seconds = new double[2][2];
    for (int step = 0; step <= steps; step++)
      for (int i = 0; i < 2; i++) {
        TrainConfig c = configs[i];
        int[][] windows = TinyModels.randomWindows(c.batchPerWorker, c.context, vocab, step);
        long start = System.nanoTime();
        long mid, end;
        try (MemoryWorkspace ignored = StepWorkspace.open()) {
          models[i].loss(windows);
          models[i].backward();
          mid = System.nanoTime();
          optimizers[i].step(models[i].params(), models[i].grads(), step, LearningRateSchedule.of(c).at(step));
          end = System.nanoTime();
        }
        if (step == 0) continue; // warm-up
        seconds[i][0] += (mid - start) / 1e9 / steps;
        seconds[i][1] += (end - mid) / 1e9 / steps;
      }
    for (int i = 0; i < 2; i++) {
      TrainConfig c = configs[i];
      System.out.printf("L=%d C=%d T=%d vocab=%d batch=%d %s: %d params, loss+backward %.3f s, AdamW %.3f s, step %.3f s%n",
          c.layers, c.width, c.context, vocab, c.batchPerWorker, c.tieEmbedding ? "tied  " : "untied",
          models[i].params().length(), seconds[i][0], seconds[i][1], seconds[i][0] + seconds[i][1]);
    }
  }
}
