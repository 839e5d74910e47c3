package dev.corpusforge.training.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.train.TinyModels;
import dev.corpusforge.training.train.TrainConfig;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.deallocation.DeallocatableReference;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training steps leave no off-heap arrays behind. ND4J registers every buffer allocated outside a workspace with its
 * DeallocatorService, which frees it only after the garbage collector has reclaimed the array's Java wrapper; the
 * service's reference map therefore holds every off-heap buffer not yet freed. Without the step workspace each step
 * adds its activations and their gradients (about 9 MB of floats here, measured on the code before the workspace),
 * which these few steps rarely collect; with it, the model's arrays stay where warm-up left them.
 */
class StepMemoryTest {
  private static final int VOCAB = 512;
  private static final int WARMUP = 3;
  private static final int STEPS = 10;

  @Test
  void trainingStepsAfterWarmUpLeaveNoOffHeapArraysBehind() throws Exception {
    TrainConfig c = TinyModels.tiny(false);
    c.width = 32;
    c.context = 32;
    c.batchPerWorker = 8;
    Gpt model = c.initialModel(VOCAB);
    AdamW optimizer = AdamW.fresh(c.adamW(), model.layout().decayMask(model.dataType()));
    for (int step = 0; step < WARMUP; step++) step(model, optimizer, c.batchPerWorker, step);
    long before = pendingOffHeapBytes();
    for (int step = WARMUP; step < WARMUP + STEPS; step++) step(model, optimizer, c.batchPerWorker, step);
    long growth = pendingOffHeapBytes() - before;
    long logits = (long) c.batchPerWorker * c.context * VOCAB * Float.BYTES;
    assertTrue(growth < logits, growth + " more off-heap bytes await the garbage collector after " + STEPS
        + " steps, more than one step's logits (" + logits + "): temporaries are allocated outside the step workspace");
  }

  /** One step as LocalTrainer runs it: loss, backward and AdamW in one step workspace scope. */
  private static void step(Gpt model, AdamW optimizer, int batch, long step) {
    try (MemoryWorkspace ignored = StepWorkspace.open()) {
      model.loss(TinyModels.randomWindows(batch, model.config().context(), VOCAB, step));
      model.backward();
      optimizer.step(model.params(), model.grads(), step, 1e-3);
    }
  }

  /**
   * Bytes of the off-heap arrays of the model's values (floats) that wait for the garbage collector. The service's map
   * also holds views and workspace-backed buffers, which own no memory, and ND4J's own small shape and index buffers
   * (longs and ints, a few hundred bytes to a few KB each; they still go through the collector), which are not counted.
   */
  private static long pendingOffHeapBytes() throws ReflectiveOperationException {
    Field references = DeallocatorService.class.getDeclaredField("referenceMap");
    references.setAccessible(true);
    long bytes = 0;
    for (Object reference : ((Map<?, ?>) references.get(Nd4j.getDeallocatorService())).values().toArray())
      if (((DeallocatableReference) reference).get() instanceof DataBuffer buffer && !buffer.isAttached()
          && buffer.originalDataBuffer() == null && buffer.dataType() == DataType.FLOAT)
        bytes += buffer.length() * buffer.getElementSize();
    return bytes;
  }
}
