package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.model.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterAveragingTest {
  private static final int VOCAB = 13;
  private static final TokenSourceFactory DATA = () -> TokenSource.of(SyntheticShards.markovTokens(3000, VOCAB, 5));
  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("averaging-test")
        .set("spark.ui.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void oneWorkerAveragingEveryStepEqualsAPlainLocalFit() {
    TrainConfig c = TinyModels.tiny(true);
    c.workers = 1;
    ModelState start = LocalTrainer.initialState(c, VOCAB, 1);
    ParameterAveraging averaging = new ParameterAveraging(spark, c, VOCAB, DATA);
    ModelState distributed = start;
    for (int i = 0; i < 4; i++) distributed = averaging.round(distributed, 1).state();
    LocalTrainer local = new LocalTrainer(c, VOCAB, start, 0, new WindowSampler(DATA.open(), c.context, 0, 1, c.seed));
    local.fit(4);
    ModelState plain = local.state(1);
    assertEquals(4, distributed.step);
    assertSameState(plain, distributed);
  }

  /** Parameters, both AdamW moments and data positions bit for bit. */
  private static void assertSameState(ModelState expected, ModelState actual) {
    assertArrayEquals(expected.params, actual.params, "parameters");
    assertArrayEquals(expected.m, actual.m, "first moments");
    assertArrayEquals(expected.v, actual.v, "second moments");
    assertArrayEquals(expected.positions, actual.positions, "data positions");
  }

  /** Worker w's copy fitted by a LocalTrainer of its own, as the workers do between two averagings. */
  private static ModelState localCopy(TrainConfig c, ModelState start, int worker, int steps) {
    LocalTrainer trainer = new LocalTrainer(c, VOCAB, start, worker,
        new WindowSampler(DATA.open(), c.context, worker, c.workers, c.seed));
    trainer.fit(steps);
    return trainer.state(c.workers);
  }

  @Test
  void oneRoundOfWWorkersIsTheMeanOfWIndependentlyFittedCopiesMomentsIncluded() {
    TrainConfig c = TinyModels.tiny(true);
    c.workers = 3;
    ModelState start = LocalTrainer.initialState(c, VOCAB, 3);
    ParameterAveraging.Round round = new ParameterAveraging(spark, c, VOCAB, DATA).round(start, 2);
    ModelState averaged = round.state();
    List<ModelState> copies = new ArrayList<>();
    for (int w = 0; w < c.workers; w++) copies.add(localCopy(c, start, w, 2));
    for (int w = 1; w < c.workers; w++) {
      assertFalse(Arrays.equals(copies.get(0).params, copies.get(w).params), "workers 0 and " + w + " fitted the same parameters");
      assertFalse(Arrays.equals(copies.get(0).m, copies.get(w).m), "workers 0 and " + w + " have the same first moment");
      assertFalse(Arrays.equals(copies.get(0).v, copies.get(w).v), "workers 0 and " + w + " have the same second moment");
    }
    // the tree adds (w0 + w1) + w2: for 3 workers, worker order
    double[][] mean = new double[3][start.params.length];
    for (ModelState copy : copies) {
      double[][] values = {copy.params, copy.m, copy.v};
      for (int a = 0; a < 3; a++) for (int i = 0; i < mean[a].length; i++) mean[a][i] += values[a][i];
    }
    for (double[] a : mean) for (int i = 0; i < a.length; i++) a[i] /= c.workers;
    assertArrayEquals(mean[0], averaged.params, "averaged parameters are not the mean of the workers' copies");
    assertArrayEquals(mean[1], averaged.m, "averaged first moments are not the mean of the workers' copies");
    assertArrayEquals(mean[2], averaged.v, "averaged second moments are not the mean of the workers' copies");
    for (int w = 0; w < c.workers; w++) assertEquals(copies.get(w).positions[w], averaged.positions[w]);
    assertEquals(c.batchPerWorker * 2L, averaged.positions[2]);
    assertEquals(2, averaged.step);
    for (WorkerReport r : round.workers()) assertEquals("cpu", r.device(), "local mode assigns no GPU");
  }

  /**
   * A float model travels as float32 and is summed in a fixed pairwise tree, ((w0 + w1) + (w2 + w3)) / 4 in float, and
   * the driver receives one state: one result task, about one state's bytes, not W.
   */
  @Test
  void fourFloatWorkersAreSummedInAFixedTreeAndTheDriverReceivesOneState() throws Exception {
    TrainConfig c = TinyModels.tiny(false);
    c.workers = 4;
    ModelState start = LocalTrainer.initialState(c, VOCAB, 4);
    ResultListener results = new ResultListener();
    spark.sc().addSparkListener(results);
    ParameterAveraging.Round round;
    try {
      round = new ParameterAveraging(spark, c, VOCAB, DATA).round(start, 2);
      spark.sc().listenerBus().waitUntilEmpty();
    } finally {
      spark.sc().removeSparkListener(results);
    }
    List<ModelState> copies = new ArrayList<>();
    for (int w = 0; w < c.workers; w++) copies.add(localCopy(c, start, w, 2));
    double[][] expected = new double[3][];
    for (int a = 0; a < 3; a++) {
      int array = a;
      double[][] values = copies.stream().map(s -> array == 0 ? s.params : array == 1 ? s.m : s.v).toArray(double[][]::new);
      expected[a] = new double[values[0].length];
      for (int i = 0; i < expected[a].length; i++)
        expected[a][i] = (((float) values[0][i] + (float) values[1][i]) + ((float) values[2][i] + (float) values[3][i])) / 4f;
    }
    assertArrayEquals(expected[0], round.state().params);
    assertArrayEquals(expected[1], round.state().m);
    assertArrayEquals(expected[2], round.state().v);
    assertEquals(2, round.cost().levels());
    assertEquals(3L * 4 * start.params.length, round.cost().stateBytes(), "float32 on the wire");
    assertEquals(1, results.tasks, "result tasks (each sends its result to the driver)");
    assertTrue(results.bytes < 1.5 * round.cost().stateBytes(), results.bytes + " bytes of results for one state of "
        + round.cost().stateBytes());
  }

  /** Counts the tasks whose results go to the driver and their serialized bytes. */
  private static final class ResultListener extends SparkListener {
    int tasks;
    long bytes;

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskType().equals("ResultTask")) {
        tasks++;
        bytes += end.taskMetrics().resultSize();
      }
    }
  }

  /**
   * Workers that take up each round's state in the trainers their executor kept fit the same bits as workers whose
   * trainers are rebuilt from the broadcast every round (what a replacement executor does after a loss).
   */
  @Test
  void keptTrainersFitTheSameBitsAsTrainersRebuiltFromTheBroadcast() {
    TrainConfig c = TinyModels.tiny(false);
    c.workers = 2;
    ModelState start = LocalTrainer.initialState(c, VOCAB, 2);
    ParameterAveraging kept = new ParameterAveraging(spark, c, VOCAB, DATA);
    ModelState a = start;
    for (int i = 0; i < 3; i++) {
      ParameterAveraging.Round round = kept.round(a, 2);
      for (WorkerReport r : round.workers()) assertEquals(i > 0, r.keptTrainer(), "round " + i + ", worker " + r.worker());
      a = round.state();
    }
    kept.release();
    ParameterAveraging rebuilt = new ParameterAveraging(spark, c, VOCAB, DATA);
    ModelState b = start;
    for (int i = 0; i < 3; i++) {
      ParameterAveraging.Round round = rebuilt.round(b, 2);
      for (WorkerReport r : round.workers()) assertFalse(r.keptTrainer(), "round " + i + ", worker " + r.worker());
      b = round.state();
      rebuilt.release(); // as if the executor were lost
    }
    assertEquals(6, a.step);
    assertSameState(b, a);
  }

  @Test
  void resumingFromACheckpointContinuesBitForBit(@TempDir Path dir) {
    TrainConfig c = TinyModels.tiny(false);
    c.workers = 1;
    c.averagingSteps = 2;
    c.maxSteps = 8;
    c.checkpointEvery = 4;
    ModelState start = LocalTrainer.initialState(c, VOCAB, 1);
    ModelState uninterrupted = new TrainingRun(spark, c, VOCAB, DATA, dir.resolve("a")).run(start);

    new TrainingRun(spark, c, VOCAB, DATA, dir.resolve("b")).run(start, 4); // "interrupted" after step 4
    Checkpoint saved = Checkpoint.read(dir.resolve("b").resolve(Checkpoint.DIR_NAME));
    assertEquals(4, saved.state.step);
    ModelState resumed = new TrainingRun(spark, c, VOCAB, DATA, dir.resolve("b")).run(saved.state);

    assertSameState(uninterrupted, resumed);
    assertArrayEquals(uninterrupted.params, Checkpoint.read(dir.resolve("a").resolve(Checkpoint.DIR_NAME)).state.params);
  }

  @Test
  void theCpuBackendRunsWhenNoGpuIsPresent() {
    assertTrue(Backend.isCpu(), "expected the CPU backend on this machine, got " + Backend.describe());
  }
}
