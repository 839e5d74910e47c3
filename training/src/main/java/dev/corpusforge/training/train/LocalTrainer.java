package dev.corpusforge.training.train;

import dev.corpusforge.training.model.AdamW;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.StepWorkspace;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/** One worker's training loop: a model, its AdamW state and its window sampler, fitted step by step. */
public final class LocalTrainer {
  /** What one optimizer step reports. */
  public record StepLog(long step, double loss, double learningRate, double gradNorm, long tokens, double seconds)
      implements java.io.Serializable {
    public double tokensPerSecond() {
      return tokens / Math.max(1e-9, seconds);
    }
  }

  private final TrainConfig config;
  private final Gpt model;
  private final AdamW optimizer;
  private final LearningRateSchedule schedule;
  private final WindowSampler sampler;
  private final int worker;
  private long step;

  public LocalTrainer(TrainConfig config, int vocab, ModelState state, int worker, WindowSampler sampler) {
    this.config = config;
    this.model = new Gpt(config.gpt(vocab), ModelState.array(state.params, state.dataType()));
    this.optimizer = new AdamW(config.adamW(), model.layout().decayMask(state.dataType()),
        ModelState.array(state.m, state.dataType()), ModelState.array(state.v, state.dataType()));
    this.schedule = LearningRateSchedule.of(config);
    this.sampler = sampler;
    this.worker = worker;
    this.step = state.step;
    sampler.seek(state.positions[worker]);
  }

  /** A fresh model's state for {@code workers} workers at data position 0. */
  public static ModelState initialState(TrainConfig config, int vocab, int workers) {
    Gpt model = config.initialModel(vocab);
    return ModelState.of(0, new long[workers], model, AdamW.fresh(config.adamW(), model.layout().decayMask(model.dataType())));
  }

  public List<StepLog> fit(int steps) {
    List<StepLog> logs = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      long start = System.nanoTime();
      int[][] batch = sampler.next(config.batchPerWorker);
      double lr = schedule.at(step), loss, norm;
      // the step's temporaries (activations, their gradients, optimizer scratch) reuse one workspace block
      try (MemoryWorkspace ignored = StepWorkspace.open()) {
        loss = model.loss(batch);
        model.backward();
        norm = optimizer.step(model.params(), model.grads(), step, lr);
      }
      long tokens = (long) batch.length * (batch[0].length - 1);
      logs.add(new StepLog(step, loss, lr, norm, tokens, (System.nanoTime() - start) / 1e9));
      step++;
    }
    return logs;
  }

  /**
   * Takes up a broadcast state in place: parameters, moments, step and this worker's data position, so that fitting
   * from here is exactly what a trainer built from that state would do (the model keeps nothing else between steps).
   */
  public void load(StateSum state) {
    state.copyInto(model.params(), optimizer.m(), optimizer.v());
    step = state.step();
    sampler.seek(state.position(worker));
  }

  /** This worker's fitted state in wire form, for the reduction. */
  public StateSum sum(int workers, WorkerReport report) {
    return StateSum.ofWorker(step, workers, sampler.position(), model.params(), optimizer.m(), optimizer.v(), report);
  }

  public ModelState state(int workers) {
    long[] positions = new long[workers];
    positions[worker] = sampler.position();
    return ModelState.of(step, positions, model, optimizer);
  }

  public Gpt model() {
    return model;
  }
}
