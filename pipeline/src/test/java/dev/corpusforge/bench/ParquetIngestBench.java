package dev.corpusforge.bench;

import dev.corpusforge.clean.lang.WikiParagraphs;
import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * The ingest stage on Parquet input, local[1]: wall time and the JVM's CPU time (all threads: the per-core figure,
 * less sensitive to other load on the machine) per MB of Parquet as stored. Input: the corpus-samples English
 * Wikipedia articles and web gold texts, repeated to the given size of text, written by Spark (snappy, 4 files) with
 * id, url and a score column, as a FineWeb-like dataset. Median of {@code runs}, after one warm-up run.
 * <pre>bin/bench pipeline ParquetIngestBench [MB of text=100] [runs=3]</pre>
 */
public final class ParquetIngestBench {
  private ParquetIngestBench() {}

  public static void main(String[] args) throws Exception {
    double mb = args.length > 0 ? Double.parseDouble(args[0]) : 100;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path samples = SparkTests.corpusSamples();
    List<String> texts = new ArrayList<>(WikiParagraphs.articles(samples.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2")));
    for (String page : Files.readAllLines(samples.resolve("web/pages-dev.gold.jsonl"))) {
      texts.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(page).get("text").asText());
    }
    List<String> lines = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; bytes < mb * 1e6; i++) {
      String t = texts.get(i % texts.size());
      lines.add(t);
      bytes += t.getBytes(StandardCharsets.UTF_8).length;
    }

    System.setProperty("bench.master", "local[1]");
    SparkSession spark = Cli.spark();
    Path dir = Files.createTempDirectory("parquet-ingest-bench");
    Path in = dir.resolve("in");
    spark.createDataset(lines, Encoders.STRING()).toDF("text").selectExpr("monotonically_increasing_id() as id",
            "concat('https://example.org/', monotonically_increasing_id()) as url", "text",
            "length(text) / 1000.0 as score")
        .repartition(4).write().parquet(in.toString());
    long stored;
    try (Stream<Path> files = Files.list(in)) {
      stored = files.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("input: %,d documents, %.1f MB of text, %.1f MB of Parquet in 4 files; load average %s%n",
        lines.size(), bytes / 1e6, stored / 1e6, load());

    PipelineConfig config = ConfigLoader.load(null, List.of());
    config.spark.outputFiles = 1;
    IngestInput input = new IngestInput();
    input.source = "parquet";
    input.paths.add(in.toString());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    StageCounts counts = null;
    for (int r = -1; r < runs; r++) {
      RunDir run = new RunDir(dir.resolve("run" + r).toString());
      long w = System.nanoTime();
      long c = os.getProcessCpuTime();
      counts = IngestStage.run(spark, run, input, config);
      if (r < 0) continue;
      wall[r] = (System.nanoTime() - w) / 1e9;
      cpu[r] = (os.getProcessCpuTime() - c) / 1e9;
    }
    double wm = median(wall);
    double cm = median(cpu);
    System.out.printf("ingest parquet: kept %,d of %,d; %.1f MB of Parquet in %.1f s wall, %.1f s CPU (medians of %d, "
            + "local[1]) = %.2f MB/s wall, %.2f MB/s per CPU second (%.2f MB/s of text); load average %s%n",
        counts.total.kept, counts.total.read, stored / 1e6, wm, cm, runs, stored / 1e6 / wm, stored / 1e6 / cm,
        bytes / 1e6 / cm, load());
    System.out.println("command: bin/bench pipeline ParquetIngestBench " + String.join(" ", args));
    spark.stop();
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
  }
}
