package dev.corpusforge.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.cli.PipelineStages;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.testing.SparkTests;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Rerunning the stages gives the same bytes in every file they write, whatever the JVM: ingest (web, code and notes
 * with broken lines), clean, dedup and tokenize run once in the test JVM and once in a fresh JVM with another time
 * zone, locale, default charset, Spark parallelism, shuffle partition count and input split size; every file of each
 * stage directory is compared, documents, {@code _rejects/}, {@code _counts.json} and markers alike.
 */
class FreshJvmRerunTest {
  /** The stages compared, in the order they run. */
  private static final List<String> STAGES = List.of("ingest", "clean", "dedup", "tokenize");

  static PipelineConfig config() {
    PipelineConfig config = SparkTests.defaults();
    IngestInput web = new IngestInput();
    web.source = "jsonl";
    web.name = "web";
    web.idField = "uri";
    web.paths.add(SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl").toString());
    IngestInput notes = new IngestInput();
    notes.source = "jsonl";
    notes.name = "notes";
    notes.paths.add(SparkTests.root().resolve("data-samples/jsonl/notes.jsonl").toString());
    IngestInput code = new IngestInput();
    code.source = "code";
    code.paths.add(SparkTests.root().resolve("data-samples/code").toString());
    config.inputs.addAll(List.of(web, notes, code));
    config.spark.outputFiles = 2;
    return config;
  }

  /** Ingests every input and runs the stages after ingest up to tokenize. */
  static void runStages(SparkSession spark, RunDir run) throws Exception {
    PipelineConfig config = config();
    for (IngestInput input : config.inputs) IngestStage.run(spark, run, input, config);
    for (Stage stage : PipelineStages.afterIngest()) {
      if (STAGES.contains(stage.name())) stage.run(spark, run, config);
    }
  }

  /** The fresh JVM's side: {@code args[0]} is the run directory. */
  public static void main(String[] args) throws Exception {
    try (SparkSession spark = SparkSession.builder().master("local[1]").appName("fresh-jvm-rerun")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "7")
        .config("spark.sql.files.maxPartitionBytes", "65536")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()) {
      spark.sparkContext().setLogLevel("WARN");
      runStages(spark, new RunDir(args[0]));
    }
  }

  @Test
  void everyFileOfEveryStageIsByteIdenticalInAFreshJvmWithOtherSettings() throws Exception {
    Path dir = SparkTests.tempDir("fresh-jvm-rerun");
    Path here = dir.resolve("here");
    Path fresh = dir.resolve("fresh");
    runStages(SparkTests.spark(), new RunDir(here.toString()));

    String zone = "Pacific/Chatham".equals(TimeZone.getDefault().getID()) ? "America/St_Johns" : "Pacific/Chatham";
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Duser.timezone=" + zone, "-Duser.language=tr", "-Duser.country=TR", "-Dfile.encoding=ISO-8859-1",
        "-Dcorpusforge.root=" + SparkTests.root(), "-Dcorpusforge.shared=" + SparkTests.corpusSamples().getParent()));
    // Spark needs the module openings the test JVM was started with.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect")) command.add(arg);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FreshJvmRerunTest.class.getName(), fresh.toString()));
    Path log = dir.resolve("fresh.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the fresh JVM did not finish");
    assertEquals(0, p.exitValue(), () -> "the fresh JVM failed:\n" + tail(log));

    List<Path> files = files(here);
    assertEquals(files, files(fresh), "the same files");
    for (String stage : STAGES) assertTrue(files.contains(Path.of(stage, "_counts.json")), stage + " wrote no _counts.json");
    for (String stage : List.of("ingest", "clean")) {
      assertTrue(files.stream().anyMatch(f -> f.startsWith(Path.of(stage, "_rejects"))), stage + " wrote no rejects");
    }
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(here.resolve(f)), Files.readAllBytes(fresh.resolve(f)), f.toString());
    }
  }

  /** Every file under the stage directories, relative to the run directory, in name order (Hadoop's .crc included). */
  private static List<Path> files(Path run) throws Exception {
    List<Path> out = new ArrayList<>();
    for (String stage : STAGES) {
      try (Stream<Path> s = Files.walk(run.resolve(stage))) {
        s.filter(Files::isRegularFile).map(run::relativize).forEach(out::add);
      }
    }
    out.sort(null);
    assertTrue(out.size() > 20, "expected the stages' files, got " + out);
    return out;
  }

  private static String tail(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
