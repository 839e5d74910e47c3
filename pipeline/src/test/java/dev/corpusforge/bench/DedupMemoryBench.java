package dev.corpusforge.bench;

import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.SparkTests;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The dedup stage on an input several times larger than its memory: writes a generated corpus (real words, near
 * duplicates as in the other benchmarks) as a clean stage in slices, then runs {@code corpusforge dedup} in a child
 * JVM whose heap (driver and executor, local mode) is a fraction of the input, and reports sizes, memory and time.
 *
 * <p>{@code bin/bench pipeline DedupMemoryBench [bases] [childHeap] [cores]}
 */
public final class DedupMemoryBench {
  public static void main(String[] args) throws Exception {
    int bases = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
    String heap = args.length > 1 ? args[1] : "640m";
    int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String[] pool = NearDuplicateCorpus.realWords(SparkTests.corpusSamples());
    java.nio.file.Path dir = Files.createTempDirectory("dedup-memory");
    RunDir run = new RunDir(dir.toString());
    SparkSession spark = Cli.spark();
    int slice = 50_000;
    long docs = 0;
    long textBytes = 0;
    for (int first = 0; first < bases; first += slice) {
      List<Document> out = new ArrayList<>();
      for (NearDuplicateCorpus.Doc d : NearDuplicateCorpus.generate(pool, first, Math.min(slice, bases - first), 300, 0.3, 1)) {
        out.add(new Document(d.id(), "web", null, null, d.text(), new Provenance("bench", 0, null)));
        textBytes += d.text().length();
      }
      docs += out.size();
      spark.createDataset(out, Documents.ENCODER).write().mode("append").parquet(run.stage("clean").toString());
    }
    StageWriter.writeMarker(new Path(run.complete("clean").toString()), spark.sparkContext().hadoopConfiguration());
    spark.stop();
    long parquetBytes = size(dir.resolve("clean"));

    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dlog4j2")) command.add(a);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.corpusforge.cli.CorpusForge", "dedup",
        "--run-dir", dir.toString(), "--master", "local[" + cores + "]", "--set", "spark.shufflePartitions=64"));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).inheritIO().start();
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    StageCounts counts = StageCounts.read(new Path(run.counts("dedup").toString()), new org.apache.hadoop.conf.Configuration());
    System.out.printf("input: %,d documents, %.2f GB of text (%.2f GB as UTF-16 strings), %.2f GB of Parquet%n", docs,
        textBytes / 1e9, 2 * textBytes / 1e9, parquetBytes / 1e9);
    System.out.printf("child JVM: -Xmx%s, local[%d] (driver and executor in one heap); exit %d in %.1f s%n", heap, cores, exit, seconds);
    System.out.printf("result: read %,d, kept %,d, rejected %s, counters %s%n", counts.total.read, counts.total.kept,
        counts.total.rejectedByReason, counts.counters);
  }

  private static String javaBinary() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  private static long size(java.nio.file.Path folder) throws Exception {
    try (Stream<java.nio.file.Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
