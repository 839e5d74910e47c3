package dev.corpusforge.training.train;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of `train`: rounds of parameter averaging until max steps, logging loss, learning rate and tokens/s
 * per step to the log and to {@code loss.csv}, and writing a checkpoint every N steps and at the end.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  private final TrainConfig config;
  private final int vocab;
  private final ParameterAveraging averaging;
  private final Path modelDir;

  public TrainingRun(JavaSparkContext spark, TrainConfig config, int vocab, TokenSourceFactory data, Path modelDir) {
    this.config = config.validate();
    this.vocab = vocab;
    this.averaging = new ParameterAveraging(spark, config, vocab, data);
    this.modelDir = modelDir;
  }

  public ModelState run(ModelState state) {
    return run(state, config.maxSteps);
  }

  /** Trains until {@code stopAt} (<= max steps) and checkpoints there, as an interrupted run would have. */
  public ModelState run(ModelState state, long stopAt) {
    if (state.positions.length != config.workers)
      throw new IllegalArgumentException("the checkpoint was written by " + state.positions.length + " workers; resume with --workers "
          + state.positions.length);
    LossCurve curve = LossCurve.openForAppend(modelDir.resolve(LossCurve.FILE_NAME), state.step);
    long first = state.step;
    try {
      state = rounds(StateSum.of(state), stopAt, first, curve);
    } finally {
      averaging.release();
    }
    curve.close();
    return state;
  }

  private ModelState rounds(StateSum state, long stopAt, long first, LossCurve curve) {
    while (state.step() < stopAt) {
      int steps = (int) Math.min(config.averagingSteps, stopAt - state.step());
      ParameterAveraging.Round round = averaging.round(state, steps);
      if (state.step() == first) round.workers().forEach(w -> LOG.info("worker " + w.worker() + " computes on " + w.device()));
      for (int i = 0; i < steps; i++) log(round.logs(), i, curve);
      logCost(round);
      long before = state.step();
      state = round.averaged();
      if (state.step() / config.checkpointEvery > before / config.checkpointEvery || state.step() >= stopAt)
        new Checkpoint(config, vocab, state.mean()).write(modelDir.resolve(Checkpoint.DIR_NAME));
    }
    return state.mean();
  }

  /** Where a round's wall time went: the slowest worker's fit, the broadcast, and the rest (scheduling, reduction). */
  private static void logCost(ParameterAveraging.Round round) {
    double fit = 0, cpu = 0, read = 0;
    for (var w : round.workers()) {
      if (w.fitSeconds() > fit) cpu = w.fitCpuSeconds();
      fit = Math.max(fit, w.fitSeconds());
      read = Math.max(read, w.broadcastSeconds());
    }
    LOG.info(String.format("round %.2f s: slowest fit %.2f s (cpu %.2f s), broadcast %.2f s + read and load %.2f s, other %.2f s",
        round.cost().roundSeconds(), fit, cpu, round.cost().broadcastSeconds(), read,
        round.cost().roundSeconds() - fit - read - round.cost().broadcastSeconds()));
  }

  /** Step i of a round: mean loss over workers; tokens/s = all workers' tokens over the slowest worker's time. */
  private void log(List<List<LocalTrainer.StepLog>> workers, int i, LossCurve curve) {
    double loss = 0, norm = 0, seconds = 0;
    long tokens = 0;
    for (List<LocalTrainer.StepLog> worker : workers) {
      LocalTrainer.StepLog s = worker.get(i);
      loss += s.loss() / workers.size();
      norm += s.gradNorm() / workers.size();
      tokens += s.tokens();
      seconds = Math.max(seconds, s.seconds());
    }
    LocalTrainer.StepLog first = workers.get(0).get(i);
    double tokensPerSecond = tokens / Math.max(1e-9, seconds);
    curve.append(first.step(), loss, first.learningRate(), norm, tokensPerSecond);
    LOG.info(String.format("step %d/%d  loss %.4f  lr %.3e  grad-norm %.3f  %.0f tokens/s", first.step() + 1,
        config.maxSteps, loss, first.learningRate(), norm, tokensPerSecond));
  }
}
