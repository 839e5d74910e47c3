package dev.corpusforge.bench;

import dev.corpusforge.clean.DocumentCleaner;
import dev.corpusforge.cli.CorpusForge;
import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.readers.WarcReader;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.tokenize.BpeEncoder;
import dev.corpusforge.tokenize.TokenBuffer;
import dev.corpusforge.tokenize.Tokenizers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline on a realistic crawl: generates a {@link SyntheticCrawl} of SIZE_MB compressed MB (kept in WORK
 * for reruns), runs {@code run} on it with the default config (one {@code web} input, local[*]), and reports per
 * stage its wall seconds, the executor CPU seconds of its tasks, MB in (ingest: compressed and decompressed WARC;
 * later stages: the text bytes they read), MB/s per core, documents and tokens, and the share of the stage's executor
 * CPU its kernel accounts for (the same kernel run single-threaded in this JVM afterwards on a sample of the stage's
 * input, scaled to the stage's MB; the rest is the machinery: Spark, Parquet, shuffles, counting, commits).
 * Stages are told apart by the Spark job group `run` sets for each. Run:
 * {@code bin/bench pipeline EndToEndBench SIZE_MB [WORK]} (WORK defaults to /tmp/corpusforge-e2e-SIZE_MB). With
 * {@code -Dbench.jobs=true} (e.g. in JAVA_TOOL_OPTIONS) it also lists every Spark job: its stage group, call site,
 * Spark stages, tasks and executor CPU.
 */
public final class EndToEndBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<String> STAGES = List.of("ingest", "clean", "dedup", "tokenize", "shard", "stats");

  /** Executor CPU, task count, Spark jobs and first job start per job group, collected from the listener bus. */
  public static final class StageCpu extends SparkListener {
    static final Map<Integer, String> STAGE_GROUP = new ConcurrentHashMap<>();
    static final Map<String, long[]> BY_GROUP = new ConcurrentHashMap<>();
    static final Map<String, Long> FIRST_JOB = new ConcurrentHashMap<>();
    /** Per job: group, call site, stage count and (filled by tasks) executor CPU ns and tasks, in start order. */
    static final Map<Integer, Object[]> JOBS = new java.util.concurrent.ConcurrentSkipListMap<>();
    static final Map<Integer, Integer> STAGE_JOB = new ConcurrentHashMap<>();

    @Override public void onJobStart(SparkListenerJobStart job) {
      String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
      if (group == null) group = "(none)";
      FIRST_JOB.putIfAbsent(group, job.time());
      BY_GROUP.computeIfAbsent(group, g -> new long[4])[2]++;
      scala.collection.Iterator<Object> ids = job.stageIds().iterator();
      // The result stage is named by the job's call site ("count at NearDuplicateClusters.java:82").
      String site = job.stageInfos().isEmpty() ? "" : job.stageInfos().last().name();
      JOBS.put(job.jobId(), new Object[] {group, site, job.stageIds().size(), new long[2]});
      while (ids.hasNext()) {
        Integer stage = (Integer) ids.next();
        STAGE_GROUP.put(stage, group);
        STAGE_JOB.put(stage, job.jobId());
      }
    }

    @Override public void onTaskEnd(SparkListenerTaskEnd task) {
      String group = STAGE_GROUP.getOrDefault(task.stageId(), "(none)");
      long[] a = BY_GROUP.computeIfAbsent(group, g -> new long[4]);
      if (task.taskMetrics() == null) return;
      synchronized (a) {
        a[0] += task.taskMetrics().executorCpuTime();
        a[1]++;
        a[3] += task.taskMetrics().jvmGCTime();
      }
      Object[] job = JOBS.get(STAGE_JOB.getOrDefault(task.stageId(), -1));
      if (job != null) {
        long[] j = (long[]) job[3];
        synchronized (j) {
          j[0] += task.taskMetrics().executorCpuTime();
          j[1]++;
        }
      }
    }
  }

  private static String delta(Map<String, Double> before, Map<String, Double> after) {
    StringBuilder b = new StringBuilder();
    for (String g : ThreadGroupCpu.GROUPS) {
      if (after.containsKey(g)) b.append(String.format("%s%s %.1f", b.length() == 0 ? "" : ", ", g, after.get(g) - before.getOrDefault(g, 0.0)));
    }
    return b.length() == 0 ? "not available" : b.toString();
  }

  public static void main(String[] args) throws Exception {
    long sizeMb = Long.parseLong(args[0]);
    Path work = Path.of(args.length > 1 ? args[1] : "/tmp/corpusforge-e2e-" + sizeMb);
    Path samples = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    long genStart = System.nanoTime();
    SyntheticCrawl.Manifest crawl = SyntheticCrawl.ensure(Files.createDirectories(work), sizeMb * 1_000_000L, samples);
    System.out.printf("crawl: %d .warc.gz files, %.1f MB compressed, %.1f MB WARC, %.1f MB HTML, %,d pages "
            + "(%,d exact and %,d near copies) [%.0f s to generate or load]%n", crawl.files(),
        crawl.compressedBytes() / 1e6, crawl.warcBytes() / 1e6, crawl.htmlBytes() / 1e6, crawl.pages(), crawl.exact(),
        crawl.near(), (System.nanoTime() - genStart) / 1e9);

    Path runDir = work.resolve("run");
    deleteTree(runDir);
    Path config = work.resolve("bench.yaml");
    Files.writeString(config, "inputs:\n  - source: web\n    paths: [" + work.resolve("warc") + "]\n");
    System.setProperty("spark.extraListeners", StageCpu.class.getName());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int cores = Runtime.getRuntime().availableProcessors();
    long cpu0 = os.getProcessCpuTime();
    Map<String, Double> threads0 = ThreadGroupCpu.now();
    long start = System.currentTimeMillis();
    long peakHeap;
    int rc;
    try (HeapSampler heap = new HeapSampler()) {
      rc = CorpusForge.execute("run", "--config", config.toString(), "--run-dir", runDir.toString());
      peakHeap = heap.peakBytes();
    }
    long end = System.currentTimeMillis();
    double processCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    Map<String, Double> threads1 = ThreadGroupCpu.now();
    if (rc != 0) throw new IllegalStateException("run failed with exit code " + rc);
    double load = os.getSystemLoadAverage();

    Configuration conf = new Configuration();
    RunDir run = new RunDir(runDir.toString());
    Map<String, StageCounts> counts = new LinkedHashMap<>();
    for (String s : STAGES) {
      org.apache.hadoop.fs.Path p = run.counts(s);
      if (StageCounts.exists(p, conf)) counts.put(s, StageCounts.read(p, conf));
    }
    // Copied before the kernel timing below starts a new Spark context, whose job ids start again at 0.
    Map<Integer, Object[]> jobs = new java.util.TreeMap<>(StageCpu.JOBS);
    Map<String, Double> kernelCpuPerMb = kernels(runDir, work.resolve("warc"), crawl);

    System.out.printf("%n%-9s %7s %8s %6s %18s %9s %9s %10s %12s %8s%n", "stage", "wall s", "exec CPU", "jobs",
        "MB in", "MB/s/core", "MB/CPU-s", "docs out", "tokens", "kernel");
    double totalMbIn = crawl.compressedBytes() / 1e6;
    for (int i = 0; i < STAGES.size(); i++) {
      String s = STAGES.get(i);
      Long first = StageCpu.FIRST_JOB.get(s);
      if (first == null) continue;
      long next = end;
      for (int j = i + 1; j < STAGES.size(); j++) {
        Long f = StageCpu.FIRST_JOB.get(STAGES.get(j));
        if (f != null) {
          next = f;
          break;
        }
      }
      double wall = (next - first) / 1e3;
      long[] cpu = StageCpu.BY_GROUP.getOrDefault(s, new long[4]);
      double execCpu = cpu[0] / 1e9;
      StageCounts c = counts.get(s);
      double mbIn = s.equals("ingest") ? crawl.compressedBytes() / 1e6 : c == null ? 0 : c.total.bytesRead / 1e6;
      String mbText = s.equals("ingest")
          ? String.format("%.1f gz/%.0f", crawl.compressedBytes() / 1e6, crawl.warcBytes() / 1e6)
          : String.format("%.1f", mbIn);
      Double perMb = kernelCpuPerMb.get(s);
      String kernel = perMb == null || execCpu == 0 ? "-" : String.format("%.0f %%", 100 * perMb * mbIn / execCpu);
      long tokens = c == null ? 0 : c.counters.getOrDefault("tokens_total", 0L);
      System.out.printf("%-9s %7.1f %8.1f %6d %18s %9.2f %9.2f %,10d %,12d %8s%n", s, wall, execCpu, cpu[2], mbText,
          mbIn > 0 ? mbIn / wall / cores : 0, execCpu > 0 ? mbIn / execCpu : 0, c == null ? 0 : c.total.kept,
          tokens, kernel);
    }
    double total = (end - start) / 1e3;
    StageCounts tok = counts.get("tokenize");
    System.out.printf("%ntotal: %.1f s wall, %.1f s process CPU on %d cores; %.2f MB/s per core of WARC.gz "
            + "(%.1f MB); %,d documents, %,d tokens written; peak heap %.0f MB; load average at end %.2f%n"
            + "thread CPU s by kind (live threads, /proc): %s%n",
        total, processCpu, cores, totalMbIn / total / cores, totalMbIn,
        tok == null ? 0 : tok.total.kept, tok == null ? 0 : tok.counters.getOrDefault("tokens_total", 0L),
        peakHeap / 1e6, load, delta(threads0, threads1));
    if (Boolean.getBoolean("bench.jobs")) {
      System.out.println("jobs (-Dbench.jobs=true): id, stage group, call site, Spark stages, tasks, executor CPU s");
      jobs.forEach((id, j) -> System.out.printf("  %4d %-9s %-45s %3d %5d %7.2f%n", id, j[0], j[1], j[2],
          ((long[]) j[3])[1], ((long[]) j[3])[0] / 1e9));
    }
    System.out.printf("kernel CPU s per MB in (single thread, sample of the stage input): %s%n", kernelCpuPerMb);
    System.out.println("command: bin/bench pipeline EndToEndBench " + String.join(" ", args));
  }

  /** Kernel CPU seconds per MB of stage input, measured single-threaded on a sample of each stage's input. */
  private static Map<String, Double> kernels(Path runDir, Path warcs, SyntheticCrawl.Manifest crawl) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    PipelineConfig config = new PipelineConfig();
    // ingest: the web reader (gunzip, WARC, HTTP, charset, main-content extraction) over the first file
    Path first;
    try (var files = Files.list(warcs)) {
      first = files.sorted().findFirst().orElseThrow();
    }
    long t = cpu();
    Iterator<ReadRecord> it = new WarcReader("web", new IngestConfig())
        .read(new InputFile(first.toString(), Files.size(first), new HadoopConf(new Configuration())));
    while (it.hasNext()) it.next();
    out.put("ingest", (cpu() - t) / 1e9 / (Files.size(first) / 1e6));

    SparkSession spark = Cli.spark();
    try {
      List<Document> docs = spark.read().schema(Documents.SCHEMA).parquet(runDir.resolve("ingest/web").toString())
          .limit(3000).as(Documents.ENCODER).collectAsList();
      DocumentCleaner cleaner = new DocumentCleaner(config.clean, config.clean.c4.badWords);
      long bytes = 0;
      for (Document d : docs) bytes += utf8(d.getText());
      for (Document d : docs) cleaner.clean(d);  // warm-up
      t = cpu();
      for (Document d : docs) cleaner.clean(d);
      out.put("clean", (cpu() - t) / 1e9 / (bytes / 1e6));

      List<String> texts = spark.read().parquet(runDir.resolve("dedup").toString()).select("text").limit(3000)
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      BpeEncoder encoder = Tokenizers.spec(config.tokenize.tokenizer, new Configuration()).model().newEncoder();
      TokenBuffer buf = new TokenBuffer();
      bytes = 0;
      for (String s : texts) bytes += utf8(s);
      for (String s : texts) {
        buf.clear();
        encoder.encode(s, buf);
      }
      t = cpu();
      for (String s : texts) {
        buf.clear();
        encoder.encode(s, buf);
      }
      out.put("tokenize", (cpu() - t) / 1e9 / (bytes / 1e6));
    } finally {
      spark.stop();
    }
    return out;
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
