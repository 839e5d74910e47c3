package dev.corpusforge.training.model;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspace that holds one step's temporaries (activations, gradients of activations, optimizer scratch).
 * ND4J otherwise frees an array's off-heap buffer only when the garbage collector reclaims its small Java wrapper, so
 * resident memory grew to several times the heap (docs/training.md, Memory). Inside {@link #open()}, every new array
 * goes to one per-thread block that is reused from the next open() on: its size is learnt on the first step
 * (FIRST_LOOP) and grown when a later step needs more (REALLOCATE). Nothing allocated inside may be used after close;
 * what must survive (parameters, gradients, optimizer moments) is allocated outside and only updated in place, and
 * results handed out are {@code detach()}ed.
 */
public final class StepWorkspace {
  private static final String ID = "corpusforge-step";
  private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
      .initialSize(0)
      .policyLearning(LearningPolicy.FIRST_LOOP)
      .policyAllocation(AllocationPolicy.OVERALLOCATE)
      .overallocationLimit(0.1)
      .policySpill(SpillPolicy.REALLOCATE)
      .policyMirroring(MirroringPolicy.FULL)
      .build();

  private StepWorkspace() {}

  /** Activates this thread's step workspace; close it (try-with-resources) at the end of the step. */
  public static MemoryWorkspace open() {
    return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID);
  }
}
