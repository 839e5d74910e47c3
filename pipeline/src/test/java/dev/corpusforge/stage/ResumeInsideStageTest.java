package dev.corpusforge.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.testing.SparkTests;
import dev.corpusforge.tokenize.TokenizeStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Resume inside a stage: a map-only stage (ingest per input file, clean, tokenize) rerun after an interruption redoes
 * only the parts without a commit, and its documents, rejects, commits and {@code _counts.json} come out byte-identical
 * to an uninterrupted run's.
 */
class ResumeInsideStageTest {
  private static final SparkSession SPARK = SparkTests.spark();

  /** Two WARC files of one source and a JSONL source: three ingest parts, so three clean and tokenize parts. */
  private static PipelineConfig config() {
    PipelineConfig config = SparkTests.defaults();
    IngestInput web = new IngestInput();
    web.source = "web";
    web.paths.add(SparkTests.root().resolve("data-samples/web/sample.warc.gz").toString());
    web.paths.add(SparkTests.corpusSamples().resolve("web/pages-dev.warc.gz").toString());
    IngestInput notes = new IngestInput();
    notes.source = "jsonl";
    notes.name = "notes";
    notes.paths.add(SparkTests.root().resolve("data-samples/jsonl/notes.jsonl").toString());
    config.inputs.addAll(List.of(web, notes));
    return config;
  }

  /** Ingests every input, then runs the first {@code later} of clean and tokenize. */
  private static Path run(String name, PipelineConfig config, int later) throws Exception {
    Path dir = SparkTests.tempDir(name).resolve("run");
    RunDir run = new RunDir(dir.toString());
    for (IngestInput input : config.inputs) IngestStage.run(SPARK, run, input, config);
    if (later > 0) new CleanStage().run(SPARK, run, config);
    if (later > 1) new TokenizeStage().run(SPARK, run, config);
    return dir;
  }

  @Test
  void anInterruptedCleanRedoesOnlyItsUncommittedPartsAndTokenizeReusesEveryPart() throws Exception {
    PipelineConfig config = config();
    Path dir = run("resume-clean", config, 2);
    Map<Path, byte[]> before = files(dir);
    Path clean = dir.resolve("clean");
    FileTime reusedTime = Files.getLastModifiedTime(clean.resolve("part-00000.parquet"));

    // What a driver lost in the middle of clean leaves: no marker, part 1 written but its task killed before its
    // commit, part 2 half-written; tokenize unmarked as `run` does before redoing clean.
    Files.delete(clean.resolve(RunDir.COMPLETE));
    Files.delete(clean.resolve("_parts/part-00001.json"));
    Files.delete(clean.resolve("_parts/part-00002.json"));
    Files.writeString(clean.resolve("part-00002.parquet"), "half a file");
    Files.delete(dir.resolve("tokenize").resolve(RunDir.COMPLETE));

    RunDir run = new RunDir(dir.toString());
    String cleanLog = stderrOf(() -> new CleanStage().run(SPARK, run, config));
    assertTrue(cleanLog.contains("1 of 3 parts reused, 2 redone"), cleanLog);
    assertEquals(reusedTime, Files.getLastModifiedTime(clean.resolve("part-00000.parquet")), "part 0 was not rewritten");
    String tokenizeLog = stderrOf(() -> new TokenizeStage().run(SPARK, run, config));
    assertTrue(tokenizeLog.contains("3 of 3 parts reused, 0 redone"), "clean's redone parts are the same bytes, so "
        + "tokenize's parts of them stand: " + tokenizeLog);

    assertSameFiles(before, files(dir));
  }

  @Test
  void anInterruptedIngestRedoesOnlyTheInputFilesWithoutACommit() throws Exception {
    PipelineConfig config = config();
    Path dir = run("resume-ingest", config, 0);
    Map<Path, byte[]> before = files(dir);
    Path web = dir.resolve("ingest/web");
    Files.delete(web.resolve(RunDir.COMPLETE));
    Files.delete(web.resolve("_parts/part-00001.json"));
    Files.delete(web.resolve("part-00001.parquet"));

    String log = stderrOf(() -> IngestStage.run(SPARK, new RunDir(dir.toString()), config.inputs.get(0), config));
    assertTrue(log.contains("1 of 2 parts reused, 1 redone"), log);
    assertSameFiles(before, files(dir));
  }

  @Test
  void partsMadeUnderOtherSettingsAreRedone() throws Exception {
    PipelineConfig config = config();
    Path dir = run("resume-settings", config, 1);
    Files.delete(dir.resolve("clean").resolve(RunDir.COMPLETE));
    config.clean.annotateOnly = true;
    String log = stderrOf(() -> new CleanStage().run(SPARK, new RunDir(dir.toString()), config));
    assertTrue(log.contains("0 of 3 parts reused, 3 redone"), log);
  }

  @Test
  void theRunnerSkipsCompleteStagesResumesTheInterruptedOneAndForceRedoesEveryPart() throws Exception {
    PipelineConfig config = config();
    config.inputs.remove(0);
    RunDir run = new RunDir(SparkTests.tempDir("resume-runner").resolve("run").toString());
    List<Stage> stages = List.of(new IngestStage(config.inputs.get(0)), new CleanStage());
    StageRunner.run(SPARK, run, config, stages, false);

    String again = stderrOf(() -> { StageRunner.run(SPARK, run, config, stages, false); return null; });
    assertTrue(again.contains("ingest notes: complete, skipped") && again.contains("clean: complete, skipped"), again);
    Files.delete(Path.of(run.complete("clean").toString()));
    String resumed = stderrOf(() -> { StageRunner.run(SPARK, run, config, stages, false); return null; });
    assertTrue(resumed.contains("clean: started") && resumed.contains("1 of 1 parts reused, 0 redone"), resumed);
    String forced = stderrOf(() -> { StageRunner.run(SPARK, run, config, stages, true); return null; });
    assertTrue(forced.contains("ingest notes: started") && forced.contains("0 of 1 parts reused, 1 redone"), forced);
  }

  private static void assertSameFiles(Map<Path, byte[]> expected, Map<Path, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet(), "the same files");
    expected.forEach((f, bytes) -> assertArrayEquals(bytes, actual.get(f), f.toString()));
  }

  /** Every file under the ingest, clean and tokenize folders (rejects, commits, counts, markers, .crc), by path. */
  private static Map<Path, byte[]> files(Path run) throws Exception {
    Map<Path, byte[]> out = new TreeMap<>();
    for (String stage : List.of("ingest", "clean", "tokenize")) {
      if (!Files.exists(run.resolve(stage))) continue;
      try (Stream<Path> s = Files.walk(run.resolve(stage))) {
        for (Path f : s.filter(Files::isRegularFile).toList()) out.put(run.relativize(f), Files.readAllBytes(f));
      }
    }
    assertTrue(out.keySet().stream().anyMatch(f -> f.toString().contains("_parts")), "parts are committed");
    return out;
  }

  /** What {@code call} prints to stderr (the stages' summary lines), still passed through. */
  private static String stderrOf(Callable<?> call) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      call.call();
    } finally {
      System.setErr(err);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    err.print(text);
    return text;
  }
}
