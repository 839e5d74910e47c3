package dev.corpusforge.training.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.Backend;
import dev.corpusforge.training.LocalTrainer;
import dev.corpusforge.training.ModelState;
import dev.corpusforge.training.SyntheticShards;
import dev.corpusforge.training.TinyModels;
import dev.corpusforge.training.TrainConfig;
import dev.corpusforge.training.TrainingRun;
import dev.corpusforge.training.checkpoint.Checkpoint;
import dev.corpusforge.training.data.TokenSource;
import dev.corpusforge.training.data.TokenSourceFactory;
import dev.corpusforge.training.data.WindowSampler;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
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
    assertArrayEquals(plain.params, distributed.params, "parameters differ from the local fit");
    assertArrayEquals(plain.m, distributed.m);
    assertArrayEquals(plain.v, distributed.v);
    assertArrayEquals(plain.positions, distributed.positions);
  }

  @Test
  void oneRoundOfWWorkersIsTheMeanOfWIndependentlyFittedCopies() {
    TrainConfig c = TinyModels.tiny(true);
    c.workers = 3;
    ModelState start = LocalTrainer.initialState(c, VOCAB, 3);
    ModelState averaged = new ParameterAveraging(spark, c, VOCAB, DATA).round(start, 2).state();
    double[] mean = new double[start.params.length];
    for (int w = 0; w < c.workers; w++) {
      ModelState copy = ParameterAveraging.fitWorker(c, VOCAB, DATA, start, w, 2)._1();
      for (int i = 0; i < mean.length; i++) mean[i] += copy.params[i];
      assertEquals(c.batchPerWorker * 2L, copy.positions[w]);
    }
    for (int i = 0; i < mean.length; i++) mean[i] /= c.workers;
    assertArrayEquals(mean, averaged.params, "averaged parameters are not the mean of the workers' copies");
    assertTrue(java.util.Arrays.stream(averaged.params).anyMatch(x -> x != 0));
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

    assertArrayEquals(uninterrupted.params, resumed.params);
    assertArrayEquals(uninterrupted.m, resumed.m);
    assertArrayEquals(uninterrupted.v, resumed.v);
    assertArrayEquals(uninterrupted.positions, resumed.positions);
    assertArrayEquals(uninterrupted.params, Checkpoint.read(dir.resolve("a").resolve(Checkpoint.DIR_NAME)).state.params);
  }

  @Test
  void theCpuBackendRunsWhenNoGpuIsPresent() {
    assertTrue(Backend.isCpu(), "expected the CPU backend on this machine, got " + Backend.describe());
  }
}
