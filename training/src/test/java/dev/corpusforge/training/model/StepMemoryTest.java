package dev.corpusforge.training.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.TinyModels;
import dev.corpusforge.training.TrainConfig;
import dev.corpusforge.training.optim.AdamW;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Training steps do not leak off-heap memory: after warm-up, further steps leave the process's resident memory (JavaCPP
 * reads it from /proc/self/statm) where it was, because every temporary lives in the reused step workspace. Without
 * it each step leaves at least its [batch*time, vocab] logits off-heap until a garbage collection, which these few
 * small-heap steps rarely trigger: the bound below is a fraction of what {@link #STEPS} such steps would add.
 */
class StepMemoryTest {
  private static final int VOCAB = 4096;
  private static final int WARMUP = 3;
  private static final int STEPS = 12;

  @Test
  void trainingStepsAfterWarmUpDoNotGrowResidentMemory() {
    TrainConfig c = TinyModels.tiny(false);
    c.width = 64;
    c.context = 64;
    c.batchPerWorker = 16;
    Gpt model = Gpt.initialize(c, VOCAB);
    AdamW optimizer = AdamW.fresh(c, model.layout().decayMask(model.dataType()));
    long logitsBytes = (long) c.batchPerWorker * c.context * VOCAB * Float.BYTES;
    for (int step = 0; step < WARMUP; step++) step(model, optimizer, step);
    long before = Pointer.physicalBytes();
    for (int step = WARMUP; step < WARMUP + STEPS; step++) step(model, optimizer, step);
    long growth = Pointer.physicalBytes() - before;
    assertTrue(growth < 3 * logitsBytes, "resident memory grew by " + growth / 1_000_000 + " MB over " + STEPS
        + " steps; one step's logits are " + logitsBytes / 1_000_000 + " MB, so temporaries outlive their step");
  }

  private static void step(Gpt model, AdamW optimizer, long step) {
    model.loss(TinyModels.randomWindows(model.config().batchPerWorker, model.config().context, VOCAB, step), true);
    optimizer.step(model.params(), model.grads(), step);
  }
}
