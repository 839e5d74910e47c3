package dev.corpusforge.training.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Synchronous parameter averaging on Spark (Zinkevich et al. 2010; what DL4J's ParameterAveragingTrainingMaster does,
 * here with the AdamW moments averaged too). Per round the driver broadcasts the state (Spark's torrent broadcast,
 * float32 for float models); each of the W workers (one Spark task each, bound to its GPU if Spark assigned one) fits k
 * local steps on its own disjoint windows; the W states are summed in a binary tree of shuffles, so that the driver
 * receives one state whatever W, and divided by W there.
 *
 * <p>The tree is fixed: level l adds the sums of workers [2i, 2i+1] of level l-1 (keys w / 2^l), two operands per
 * addition, so the result's bits do not depend on which task finishes first and a resumed run continues bit for bit.
 * Spark's {@code treeAggregate}, which Spark ML's optimizers use, merges its last level on the driver in completion
 * order, and float addition is not associative. Written directly rather than with dl4j-spark so that the model is not
 * tied to DL4J layers and every step is checkable against a local fit.
 */
public final class ParameterAveraging {
  /**
   * A finished round: the averaged state (in wire form, to broadcast as the next round's), the workers' reports in
   * worker order, and the round's driver-side costs.
   */
  public record Round(StateSum averaged, List<WorkerReport> workers, Cost cost) {
    /** The averaged state as plain arrays (for checkpoints and callers that inspect it). */
    public ModelState state() {
      return averaged.mean();
    }

    /** Each worker's step logs, in worker order. */
    public List<List<LocalTrainer.StepLog>> logs() {
      return workers.stream().map(WorkerReport::steps).toList();
    }
  }

  /**
   * Seconds the driver spent creating the broadcast (serializing it into torrent blocks), seconds of the whole round,
   * tree levels, and the bytes of one state's values on the wire.
   */
  public record Cost(double broadcastSeconds, double roundSeconds, int levels, long stateBytes) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final JavaSparkContext spark;
  private final TrainConfig config;
  private final int vocab;
  private final TokenSourceFactory data;
  private final String run = UUID.randomUUID().toString();

  public ParameterAveraging(JavaSparkContext spark, TrainConfig config, int vocab, TokenSourceFactory data) {
    this.spark = spark;
    this.config = config;
    this.vocab = vocab;
    this.data = data;
  }

  /** Fits {@code steps} local steps on every worker from {@code state}, then averages. */
  public Round round(ModelState state, int steps) {
    return round(StateSum.of(state), steps);
  }

  /**
   * The same from a state in wire form, e.g. the last round's {@link Round#averaged()}: the training loop keeps the
   * state in float32 from round to round and converts it only for checkpoints.
   */
  public Round round(StateSum wire, int steps) {
    if (wire.count() != 1) throw new IllegalArgumentException("a round starts from one state, not a sum of " + wire.count());
    long start = System.nanoTime();
    Broadcast<StateSum> shared = spark.broadcast(wire);
    double broadcastSeconds = (System.nanoTime() - start) / 1e9;
    TrainConfig c = config;
    int v = vocab;
    TokenSourceFactory d = data;
    String r = run;
    List<Integer> workers = IntStream.range(0, c.workers).boxed().toList();
    JavaPairRDD<Integer, StateSum> sums = spark.parallelize(workers, c.workers)
        .mapToPair(w -> new Tuple2<>(w, fitWorker(c, v, d, shared, r, w, steps)));
    int levels = 0;
    for (int n = c.workers; n > 1; n = (n + 1) / 2, levels++)
      sums = sums.mapToPair(s -> new Tuple2<>(s._1() / 2, s._2())).reduceByKey(StateSum::add, (n + 1) / 2);
    List<StateSum> total = sums.values().collect();
    shared.destroy();
    StateSum sum = total.get(0);
    if (total.size() != 1 || sum.count() != c.workers)
      throw new IllegalStateException("the reduction returned " + total.size() + " sums of " + sum.count() + " workers, expected"
          + " one of " + c.workers);
    List<WorkerReport> reports = sum.reports();
    return new Round(sum.average(), reports,
        new Cost(broadcastSeconds, (System.nanoTime() - start) / 1e9, levels, wire.valueBytes()));
  }

  /**
   * Drops the trainers this run's workers kept in this JVM (all of them in local mode, where the driver is the
   * executor; a cluster's executors drop theirs when the next run's task arrives or when they exit).
   */
  public void release() {
    ExecutorTrainers.release(run);
  }

  /**
   * One worker's part of a round, in its Spark task: bind the task's GPU, take up the broadcast state in the trainer
   * this JVM kept for the worker (or a new one), fit, and send the fitted state.
   */
  private static StateSum fitWorker(TrainConfig c, int vocab, TokenSourceFactory data, Broadcast<StateSum> shared,
      String run, int worker, int steps) {
    String device = TaskDevice.bind();
    long start = System.nanoTime();
    StateSum state = shared.value();
    ExecutorTrainers.Key key = new ExecutorTrainers.Key(run, worker, device);
    ExecutorTrainers.Resident resident = ExecutorTrainers.take(key);
    boolean kept = resident != null;
    if (!kept) {
      TokenSource source = data.open();
      resident = new ExecutorTrainers.Resident(new LocalTrainer(c, vocab, state.mean(), worker,
          new WindowSampler(source, c.context, worker, c.workers, c.seed)), source);
    } else {
      resident.trainer().load(state);
    }
    double broadcastSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    StateSum sum;
    try {
      List<LocalTrainer.StepLog> logs = resident.trainer().fit(steps);
      WorkerReport report = new WorkerReport(worker, device, kept, broadcastSeconds, (System.nanoTime() - start) / 1e9,
          (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9, logs);
      sum = resident.trainer().sum(c.workers, report);
    } catch (RuntimeException | Error e) {
      resident.close();
      throw e;
    }
    ExecutorTrainers.put(key, resident);
    return sum;
  }
}
