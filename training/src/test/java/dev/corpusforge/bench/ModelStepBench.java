package dev.corpusforge.bench;

import dev.corpusforge.training.model.Backend;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.ParamLayout;
import dev.corpusforge.training.model.StepWorkspace;
import dev.corpusforge.training.model.dl4j.GptNetwork;
import dev.corpusforge.training.train.TinyModels;
import dev.corpusforge.training.train.TrainConfig;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Time of one forward + backward pass (loss and full gradient, no optimizer) of the trainer's Gpt against the DL4J
 * SameDiff reference network with the same parameters, in float, alternating the two so that load on a shared box
 * hits both alike, and the largest relative difference of their gradients (float). bin/bench training ModelStepBench [steps] [batch] [layers...]; for each layer count it runs
 * vocab 50257 and vocab 512 at C=128, H=4, T=128.
 */
public final class ModelStepBench {
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int[] layerCounts = args.length > 2
        ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {2, 4};
    System.out.println("backend " + Backend.describe() + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
        + ", " + steps + " timed steps after 1 warm-up, batch " + batch);
    for (int layers : layerCounts)
      for (int vocab : new int[] {50257, 512}) {
        TrainConfig c = new TrainConfig();
        c.layers = layers;
        c.width = 128;
        c.heads = 4;
        c.context = 128;
        Gpt gpt = c.initialModel(vocab);
        GptNetwork net = new GptNetwork(c, vocab);
        net.copyFrom(gpt);
        double gptSeconds = 0, netSeconds = 0, gptLoss = 0, netLoss = 0, worstGradient = 0;
        for (int step = 0; step <= steps; step++) {
          int[][] windows = TinyModels.randomWindows(batch, c.context, vocab, step);
          long start = System.nanoTime();
          try (MemoryWorkspace ignored = StepWorkspace.open()) {
            gptLoss = gpt.loss(windows);
            gpt.backward();
          }
          long mid = System.nanoTime();
          netLoss = net.lossAndGradient(windows);
          long end = System.nanoTime();
          INDArray netGrads = net.gptGradient(gpt.layout(), batch, c.context);
          for (ParamLayout.Slot slot : gpt.layout().slots().values()) {
            INDArray ours = gpt.layout().view(gpt.grads(), slot.name());
            worstGradient = Math.max(worstGradient, ours.sub(gpt.layout().view(netGrads, slot.name())).norm2Number()
                .doubleValue() / ours.norm2Number().doubleValue());
          }
          if (step == 0) continue; // warm-up: JIT, SameDiff graph building
          gptSeconds += (mid - start) / 1e9;
          netSeconds += (end - mid) / 1e9;
        }
        System.out.printf("L=%d C=%d T=%d vocab=%d batch=%d: Gpt %.3f s/step, DL4J SameDiff network %.3f s/step"
            + " (%.2fx), last loss %.6f vs %.6f, largest |gradient difference| / |Gpt gradient| of a tensor %.1e%n",
            layers, c.width, c.context, vocab, batch, gptSeconds / steps, netSeconds / steps, netSeconds / gptSeconds,
            gptLoss, netLoss, worstGradient);
      }
  }
}
