package dev.corpusforge.training.spark;

import dev.corpusforge.training.LocalTrainer;
import dev.corpusforge.training.ModelState;
import dev.corpusforge.training.TrainConfig;
import dev.corpusforge.training.data.TokenSource;
import dev.corpusforge.training.data.TokenSourceFactory;
import dev.corpusforge.training.data.WindowSampler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Synchronous parameter averaging on Spark (Zinkevich et al. 2010; what DL4J's ParameterAveragingTrainingMaster does,
 * here with the AdamW moments averaged too). Per round the driver broadcasts the state; each of the W workers (one Spark
 * task each) fits k local steps on its own disjoint windows; the driver collects the W states (W model-sized arrays,
 * never data) and averages parameters and moments. Written directly rather than with dl4j-spark so that the model is
 * not tied to DL4J layers and every step is checkable against a local fit.
 */
public final class ParameterAveraging {
  /** A finished round: the averaged state and the per-step logs of every worker. */
  public record Round(ModelState state, List<List<LocalTrainer.StepLog>> logs) {}

  private final JavaSparkContext spark;
  private final TrainConfig config;
  private final int vocab;
  private final TokenSourceFactory data;

  public ParameterAveraging(JavaSparkContext spark, TrainConfig config, int vocab, TokenSourceFactory data) {
    this.spark = spark;
    this.config = config;
    this.vocab = vocab;
    this.data = data;
  }

  /** Fits {@code steps} local steps on every worker from {@code state}, then averages. */
  public Round round(ModelState state, int steps) {
    Broadcast<ModelState> shared = spark.broadcast(state);
    TrainConfig c = config;
    int v = vocab;
    TokenSourceFactory d = data;
    List<Integer> workers = IntStream.range(0, c.workers).boxed().toList();
    List<Tuple2<Integer, Tuple2<ModelState, List<LocalTrainer.StepLog>>>> results = spark.parallelize(workers, c.workers)
        .map(w -> new Tuple2<>(w, fitWorker(c, v, d, shared.value(), w, steps)))
        .collect();
    shared.destroy();
    List<Tuple2<Integer, Tuple2<ModelState, List<LocalTrainer.StepLog>>>> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    List<ModelState> states = sorted.stream().map(r -> r._2()._1()).toList();
    return new Round(ModelState.average(states), sorted.stream().map(r -> r._2()._2()).toList());
  }

  /** One worker's part of a round; also what the tests run locally to check the distributed result. */
  public static Tuple2<ModelState, List<LocalTrainer.StepLog>> fitWorker(TrainConfig c, int vocab,
      TokenSourceFactory data, ModelState state, int worker, int steps) {
    try (TokenSource source = data.open()) {
      LocalTrainer trainer = new LocalTrainer(c, vocab, state, worker,
          new WindowSampler(source, c.context, worker, c.workers, c.seed));
      List<LocalTrainer.StepLog> logs = trainer.fit(steps);
      return new Tuple2<>(trainer.state(c.workers), logs);
    }
  }
}
