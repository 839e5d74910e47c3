package dev.corpusforge.bench;

import dev.corpusforge.training.model.Backend;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.train.Evaluator;
import dev.corpusforge.training.train.LocalTrainer;
import dev.corpusforge.training.train.ModelState;
import dev.corpusforge.training.train.ParameterAveraging;
import dev.corpusforge.training.train.SyntheticShards;
import dev.corpusforge.training.train.TokenSource;
import dev.corpusforge.training.train.TokenSourceFactory;
import dev.corpusforge.training.train.TrainConfig;
import dev.corpusforge.training.train.WindowSampler;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput and model FLOPs utilisation, then 1 vs 2 Spark workers on local[2] at equal tokens.
 * bin/bench training TrainBench [steps] [vocab] [tied|untied] [runs] [workers|noworkers]
 * MFU = tokens/s * (6 N + 12 L C T) / the CPU's theoretical float32 peak (PaLM appendix B's estimate; nanoGPT's
 * estimate_mfu), L layers, C width, T context, N = the parameters that enter a matmul: all but the position table and,
 * when the output projection is untied, the token embedding (both are row lookups; the output matrix, wte or lmhead, is
 * counted once either way). Peak = cores x FMA lanes per core x 2 FLOPs x clock ({@link CpuPeak}); the same achieved
 * FLOP/s over ND4J's measured sgemm rate (best of 5 1024^3 products, measured in each run) is a second column. Each of
 * the runs times [steps] steps after 2 warm-up steps on a fresh model; the median and the range over runs are printed.
 * (-Dcorpusforge.peakFlops=F also prints MFU of the median run against a stated peak, as scripts/gpu-check.sh passes the GPU's)
 */
public final class TrainBench {
  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 50257;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    System.out.println("backend " + Backend.describe() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    CpuPeak cpu = CpuPeak.read();
    System.out.println(cpu.describe());

    TrainConfig c = new TrainConfig();
    c.tieEmbedding = args.length <= 2 || !args[2].equals("untied");
    TokenSource data = TokenSource.of(SyntheticShards.markovTokens(200_000, vocab, 1));
    ModelState init = LocalTrainer.initialState(c, vocab, 1);
    long lookups = (long) c.context * c.width + (c.tieEmbedding ? 0 : (long) vocab * c.width);
    long n = init.params.length - lookups;
    double flopsPerToken = 6.0 * n + 12.0 * c.layers * c.width * c.context;
    System.out.printf("model L=%d C=%d H=%d T=%d vocab=%d batch=%d, output projection %s: %d params, N=%d in matmuls,"
        + " %.3f GFLOP/token%n", c.layers, c.width, c.heads, c.context, vocab, c.batchPerWorker,
        c.tieEmbedding ? "tied" : "untied", init.params.length, n, flopsPerToken / 1e9);
    double[] tokensPerSecond = new double[runs], mfu = new double[runs], ofSgemm = new double[runs], sgemm = new double[runs];
    for (int r = 0; r < runs; r++) {
      sgemm[r] = matmulPeak(1024);
      LocalTrainer trainer = new LocalTrainer(c, vocab, init, 0, new WindowSampler(data, c.context, 0, 1, c.seed));
      trainer.fit(2); // warm-up
      List<LocalTrainer.StepLog> logs = trainer.fit(steps);
      double seconds = logs.stream().mapToDouble(LocalTrainer.StepLog::seconds).sum();
      long tokens = logs.stream().mapToLong(LocalTrainer.StepLog::tokens).sum();
      tokensPerSecond[r] = tokens / seconds;
      mfu[r] = tokensPerSecond[r] * flopsPerToken / cpu.peakFlops();
      ofSgemm[r] = tokensPerSecond[r] * flopsPerToken / sgemm[r];
      System.out.printf("run %d: %d steps, %.0f tokens/s, %.2f GFLOP/s achieved, MFU %.2f%% of the theoretical peak,"
          + " %.1f%% of the measured sgemm rate (%.2f GFLOP/s)%n", r + 1, steps, tokensPerSecond[r],
          tokensPerSecond[r] * flopsPerToken / 1e9, 100 * mfu[r], 100 * ofSgemm[r], sgemm[r] / 1e9);
    }
    System.out.printf("median (min-max) over %d runs: %s tokens/s, MFU %s %%, fraction of measured sgemm %s %%,"
        + " sgemm %s GFLOP/s%n", runs, range(tokensPerSecond, 1, "%.0f"), range(mfu, 100, "%.2f"),
        range(ofSgemm, 100, "%.1f"), range(sgemm, 1e-9, "%.2f"));
    String statedPeak = System.getProperty("corpusforge.peakFlops"); // the device's data-sheet peak (scripts/gpu-check.sh)
    if (statedPeak != null) {
      double[] sorted = tokensPerSecond.clone();
      java.util.Arrays.sort(sorted);
      double median = sorted[sorted.length / 2];
      System.out.printf("MFU %.2f%% of the device's stated float32 peak %.1f TFLOP/s (median run)%n",
          100 * median * flopsPerToken / Double.parseDouble(statedPeak), Double.parseDouble(statedPeak) / 1e12);
    }

    if (args.length <= 4 || !args[4].equals("noworkers")) workers(Math.max(20, steps * 2));
  }

  /** "median (min-max)" of values x scale. */
  static String range(double[] values, double scale, String format) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int k = sorted.length;
    double median = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    return String.format(format + " (" + format + "-" + format + ")", median * scale, sorted[0] * scale, sorted[k - 1] * scale);
  }

  /** Best of 5 timed n x n x n float matmuls: 2 n^3 FLOPs each. */
  static double matmulPeak(int n) {
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
    a.mmul(b);
    double best = 0;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      a.mmul(b);
      best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  /** 1 worker x S steps vs 2 workers x S/2 steps (same batch each): equal tokens, averaged every 5 steps. */
  static void workers(int steps) {
    int vocab = 64;
    TrainConfig base = new TrainConfig();
    base.layers = 2;
    base.width = 64;
    base.heads = 4;
    base.context = 32;
    base.batchPerWorker = 8;
    base.averagingSteps = 5;
    base.warmupSteps = 5;
    base.learningRate = 3e-3;
    TokenSourceFactory train = () -> TokenSource.of(SyntheticShards.markovTokens(100_000, vocab, 1));
    TokenSource val = TokenSource.of(SyntheticShards.markovTokens(10_000, vocab, 2));
    try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("TrainBench")
        .set("spark.ui.enabled", "false"))) {
      for (int workers : new int[] {0, 1, 2}) { // 0: an unreported warm-up (JIT, Spark) with one worker
        TrainConfig c = base.copy();
        c.workers = Math.max(1, workers);
        c.maxSteps = workers == 0 ? c.averagingSteps : steps / workers;
        ParameterAveraging averaging = new ParameterAveraging(spark, c, vocab, train);
        ModelState state = LocalTrainer.initialState(c, vocab, c.workers);
        long tokens = 0;
        long start = System.nanoTime();
        while (state.step < c.maxSteps) {
          ParameterAveraging.Round round = averaging.round(state, (int) Math.min(c.averagingSteps, c.maxSteps - state.step));
          for (List<LocalTrainer.StepLog> w : round.logs()) for (LocalTrainer.StepLog s : w) tokens += s.tokens();
          state = round.state();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (workers == 0) continue;
        Gpt model = new Gpt(c.gpt(vocab), ModelState.array(state.params, state.dataType()));
        Evaluator.Result r = Evaluator.evaluate(model, val, 0, 16, state.step);
        System.out.printf("local[2], %d worker(s) x %d steps x batch %d: %d tokens in %.1f s = %.0f tokens/s (incl. Spark),"
            + " val loss %.4f (unigram entropy %.4f)%n", workers, c.maxSteps, c.batchPerWorker, tokens, seconds,
            tokens / seconds, r.loss(), r.unigramEntropy());
      }
    }
  }
}
