package dev.corpusforge.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.corpusforge.training.train.LocalTrainer;
import dev.corpusforge.training.train.ModelState;
import dev.corpusforge.training.train.ParameterAveraging;
import dev.corpusforge.training.train.StandaloneTestCluster;
import dev.corpusforge.training.train.SyntheticShards;
import dev.corpusforge.training.train.TokenSource;
import dev.corpusforge.training.train.TokenSourceFactory;
import dev.corpusforge.training.train.TrainConfig;
import dev.corpusforge.training.train.WorkerReport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Per-round costs of parameter averaging for a model of >= 10 M parameters, as W grows:
 * bin/bench training ScalingBench local[2] 1,2,4,8 [rounds]   (local mode: tasks are threads of this JVM)
 * bin/bench training ScalingBench standalone 2 [rounds]       (local-cluster: standalone master + 2 one-core workers,
 *                                                              executors in their own JVMs)
 * Per round, the median over the timed rounds (one warm-up round first) of: compute = the slowest worker's local fit;
 * broadcast = the driver's creation of the torrent broadcast + the slowest task's wait for its value; reduce = the
 * slowest fit task's time after its fit (serializing and writing its state to the shuffle) + the wall time of the tree's
 * shuffle stages, the last of which returns the sum to the driver; bytes into the driver = serialized results of the
 * round's result tasks; driver peak heap = the most heap in use right after a collection during that W's rounds.
 */
public final class ScalingBench {
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "local[2]";
    int[] workerCounts = Arrays.stream((args.length > 1 ? args[1] : "1,2,4,8").split(",")).mapToInt(Integer::parseInt).toArray();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    TrainConfig base = new TrainConfig();
    base.layers = 8;
    base.width = 320;
    base.heads = 5;
    base.context = 32;
    base.batchPerWorker = 2;
    base.averagingSteps = 1;
    int vocab = 4096;
    TokenSourceFactory data = () -> TokenSource.of(SyntheticShards.markovTokens(200_000, vocab, 1));
    Path dir = Files.createTempDirectory("scaling-bench");
    SparkConf conf = mode.equals("standalone")
        ? StandaloneTestCluster.conf(dir, 2, 1, 1536)
        : new SparkConf().setMaster(mode).set("spark.ui.enabled", "false");
    Heap heap = new Heap();
    Metrics metrics = new Metrics();
    try (JavaSparkContext spark = new JavaSparkContext(conf.setAppName("ScalingBench"))) {
      spark.sc().addSparkListener(metrics);
      System.out.printf("%s, model L=%d C=%d T=%d vocab=%d batch %d, %d local step(s) per round; medians of %d rounds%n",
          mode, base.layers, base.width, base.context, vocab, base.batchPerWorker, base.averagingSteps, rounds);
      System.out.println("| W | parameters | state on the wire | compute s | broadcast s | reduce s | round s | tree levels"
          + " | bytes into driver | driver peak heap after GC |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      for (int w : workerCounts) {
        TrainConfig c = base.copy();
        c.workers = w;
        c.maxSteps = rounds + 1;
        ModelState state = LocalTrainer.initialState(c, vocab, w);
        ParameterAveraging averaging = new ParameterAveraging(spark, c, vocab, data);
        state = averaging.round(state, 1).state(); // warm-up: JIT, executors, workspaces
        heap.reset();
        double[][] samples = new double[4][rounds];
        long driverBytes = 0, stateBytes = 0;
        int levels = 0;
        for (int r = 0; r < rounds; r++) {
          spark.sc().listenerBus().waitUntilEmpty();
          metrics.clear();
          ParameterAveraging.Round round = averaging.round(state, 1);
          spark.sc().listenerBus().waitUntilEmpty();
          state = round.state();
          double fit = 0, fetch = 0, afterFit = 0;
          for (WorkerReport report : round.workers()) {
            fit = Math.max(fit, report.fitSeconds());
            fetch = Math.max(fetch, report.broadcastSeconds());
            afterFit = Math.max(afterFit, metrics.firstStageRunSeconds.getOrDefault(report.worker(), 0.0)
                - report.broadcastSeconds() - report.fitSeconds());
          }
          samples[0][r] = fit;
          samples[1][r] = round.cost().broadcastSeconds() + fetch;
          samples[2][r] = Math.max(0, afterFit) + metrics.laterStagesSeconds();
          samples[3][r] = round.cost().roundSeconds();
          driverBytes = Math.max(driverBytes, metrics.resultBytes);
          stateBytes = round.cost().stateBytes();
          levels = round.cost().levels();
        }
        System.out.printf("| %d | %,d | %.1f MB | %.2f | %.2f | %.2f | %.2f | %d | %.1f MB | %.0f MB |%n", w,
            state.params.length, stateBytes / 1e6, median(samples[0]), median(samples[1]), median(samples[2]),
            median(samples[3]), levels, driverBytes / 1e6, heap.peakAfterGc() / 1e6);
      }
    } finally {
      if (mode.equals("standalone")) StandaloneTestCluster.cleanUp(dir);
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Per job: each first-stage task's run time by partition (= worker), the later stages' wall time, result bytes. */
  static final class Metrics extends SparkListener {
    final Map<Integer, Double> firstStageRunSeconds = new HashMap<>();
    final List<long[]> stages = new ArrayList<>(); // stage id, submitted, completed (ms)
    long resultBytes;

    private int firstStage = Integer.MAX_VALUE;

    synchronized void clear() {
      firstStageRunSeconds.clear();
      stages.clear();
      resultBytes = 0;
      firstStage = Integer.MAX_VALUE;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskType().equals("ResultTask")) resultBytes += end.taskMetrics().resultSize();
      if (end.stageId() < firstStage) firstStage = end.stageId(); // the fit stage ends before the tree's stages start
      if (end.stageId() == firstStage)
        firstStageRunSeconds.put((int) end.taskInfo().index(), end.taskMetrics().executorRunTime() / 1e3);
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
      var info = completed.stageInfo();
      stages.add(new long[] {info.stageId(), (Long) info.submissionTime().get(), (Long) info.completionTime().get()});
    }

    /** Wall time of the job's stages after its first (the tree levels), from first submission to last completion. */
    synchronized double laterStagesSeconds() {
      long first = stages.stream().mapToLong(s -> s[0]).min().orElse(0);
      long start = stages.stream().filter(s -> s[0] != first).mapToLong(s -> s[1]).min().orElse(0);
      long end = stages.stream().filter(s -> s[0] != first).mapToLong(s -> s[2]).max().orElse(0);
      return (end - start) / 1e3;
    }
  }

  /** The largest heap occupancy seen right after a garbage collection (the live data, not garbage awaiting one). */
  static final class Heap {
    private final AtomicLong peak = new AtomicLong();

    Heap() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
          if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
          var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum()
              - nonHeap(info.getGcInfo().getMemoryUsageAfterGc());
          peak.accumulateAndGet(used, Math::max);
        }, null, null);
    }

    private static long nonHeap(Map<String, MemoryUsage> pools) {
      long total = 0;
      for (var pool : ManagementFactory.getMemoryPoolMXBeans())
        if (pool.getType() == java.lang.management.MemoryType.NON_HEAP && pools.containsKey(pool.getName()))
          total += pools.get(pool.getName()).getUsed();
      return total;
    }

    void reset() {
      System.gc();
      peak.set(0);
    }

    long peakAfterGc() {
      return peak.get();
    }
  }
}
