package dev.corpusforge.bench;

import dev.corpusforge.training.Backend;
import dev.corpusforge.training.LocalTrainer;
import dev.corpusforge.training.ModelState;
import dev.corpusforge.training.SyntheticShards;
import dev.corpusforge.training.TrainConfig;
import dev.corpusforge.training.data.TokenSource;
import dev.corpusforge.training.data.TokenSourceFactory;
import dev.corpusforge.training.data.WindowSampler;
import dev.corpusforge.training.eval.Evaluator;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.spark.ParameterAveraging;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput and model FLOPs utilisation against ND4J's measured float matmul peak, then 1 vs 2 Spark
 * workers on local[2] at equal tokens. bin/bench training TrainBench [steps] [vocab] [tied|untied]
 * (-Dcorpusforge.peakFlops=F adds MFU against a stated peak, as scripts/gpu-check.sh passes the GPU's)
 * MFU = tokens/s * (6 N + 12 L C T) / peak (PaLM appendix B's estimate; nanoGPT's estimate_mfu), L layers, C width,
 * T context, N = the parameters that enter a matmul: all but the position table and, when the output projection is
 * untied, the token embedding (both are row lookups; the output matrix, wte or lmhead, is counted once either way).
 */
public final class TrainBench {
  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 50257;
    System.out.println("backend " + Backend.describe() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    double peak = matmulPeak(1024);
    System.out.printf("ND4J float matmul peak (1024^3, best of 5): %.2f GFLOP/s%n", peak / 1e9);

    TrainConfig c = new TrainConfig();
    c.tieEmbedding = args.length <= 2 || !args[2].equals("untied");
    TokenSource data = TokenSource.of(SyntheticShards.markovTokens(200_000, vocab, 1));
    ModelState init = LocalTrainer.initialState(c, vocab, 1);
    LocalTrainer trainer = new LocalTrainer(c, vocab, init, 0, new WindowSampler(data, c.context, 0, 1, c.seed));
    trainer.fit(2); // warm-up
    List<LocalTrainer.StepLog> logs = trainer.fit(steps);
    double seconds = logs.stream().mapToDouble(LocalTrainer.StepLog::seconds).sum();
    long tokens = logs.stream().mapToLong(LocalTrainer.StepLog::tokens).sum();
    long lookups = (long) c.context * c.width + (c.tieEmbedding ? 0 : (long) vocab * c.width);
    long n = init.params.length - lookups;
    double flopsPerToken = 6.0 * n + 12.0 * c.layers * c.width * c.context;
    double tokensPerSecond = tokens / seconds;
    System.out.printf("model L=%d C=%d H=%d T=%d vocab=%d batch=%d, output projection %s: %d params, N=%d in matmuls,"
        + " %.3f GFLOP/token%n", c.layers, c.width, c.heads, c.context, vocab, c.batchPerWorker,
        c.tieEmbedding ? "tied" : "untied", init.params.length, n, flopsPerToken / 1e9);
    System.out.printf("one worker, %d steps: %.0f tokens/s, %.2f GFLOP/s achieved, MFU %.1f%%%n", steps, tokensPerSecond,
        tokensPerSecond * flopsPerToken / 1e9, 100 * tokensPerSecond * flopsPerToken / peak);
    String statedPeak = System.getProperty("corpusforge.peakFlops"); // the device's data-sheet peak (scripts/gpu-check.sh)
    if (statedPeak != null)
      System.out.printf("MFU %.2f%% of the device's stated float32 peak %.1f TFLOP/s%n",
          100 * tokensPerSecond * flopsPerToken / Double.parseDouble(statedPeak), Double.parseDouble(statedPeak) / 1e12);

    workers(Math.max(20, steps * 2));
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
        Gpt model = new Gpt(c, vocab, ModelState.array(state.params, state.dataType()));
        Evaluator.Result r = Evaluator.evaluate(model, val, 0, 16, state.step);
        System.out.printf("local[2], %d worker(s) x %d steps x batch %d: %d tokens in %.1f s = %.0f tokens/s (incl. Spark),"
            + " val loss %.4f (unigram entropy %.4f)%n", workers, c.maxSteps, c.batchPerWorker, tokens, seconds,
            tokens / seconds, r.loss(), r.unigramEntropy());
      }
    }
  }
}
