package dev.corpusforge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.HostileFiles;
import dev.corpusforge.testing.SparkTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite (data-samples/hostile/, and generated cases for what is too large to commit): every file
 * ends in kept documents or counted rejects with a reason, never an executor failure or an out-of-memory error (the
 * suite runs at -Xmx3g); every file reconciles (read = kept + rejected); nothing is written outside the run folder.
 */
class HostileInputsTest {
  private static final Path HOSTILE = SparkTests.root().resolve("data-samples/hostile");
  @TempDir static Path generated;

  @BeforeAll
  static void generate() throws IOException {
    Path jsonl = Files.createDirectories(generated.resolve("jsonl"));
    HostileFiles.gzipBomb(jsonl.resolve("bomb.jsonl.gz"), 64, 64);
    HostileFiles.hugeLineJsonl(jsonl.resolve("huge-line.jsonl"), 100);
    HostileFiles.deepJsonl(jsonl.resolve("deep.jsonl"), 100_000);
  }

  @Test
  void jsonlDamagedFilesEndInCountedRejectsNamingFileAndRecord() throws Exception {
    Ingested r = ingest("jsonl", SparkTests.defaults(), HOSTILE.resolve("jsonl"));

    StageCounts.Group gz = r.group("truncated.jsonl.gz");
    assertTrue(gz.kept > 0, "lines before the cut are kept");
    assertEquals(1L, gz.rejectedByReason.get("corrupt"));
    assertEquals(1L, r.group("truncated.jsonl.bz2").rejectedByReason.get("corrupt"));
    Row cut = r.reject("truncated.jsonl.gz", "corrupt");
    assertTrue(cut.<Row>getAs("provenance").<String>getAs("entry").startsWith("#corrupt@" + gz.kept),
        "the reject names the record where the file broke off");
    assertTrue(cut.<String>getAs("reject_details").contains("\"after_records\":" + gz.kept));

    StageCounts.Group bytes = r.group("bad-bytes.jsonl");
    assertEquals(3, bytes.kept, "clean lines and an escaped \\u0000 are kept");
    assertEquals(3L, bytes.rejectedByReason.get("invalid-utf8"), "bad sequence, overlong form, encoded surrogate");
    assertEquals(2L, bytes.rejectedByReason.get("invalid-json"), "raw NUL bytes");

    assertEquals(Map.of("empty-file", 1L), r.group("empty.jsonl").rejectedByReason);
    assertEquals(Map.of("empty-file", 1L), r.group("empty-member.jsonl.gz").rejectedByReason);
    assertEquals(Map.of("corrupt", 1L), r.group("zero-bytes.jsonl.gz").rejectedByReason, "no gzip header at all");
    assertEquals(Map.of("empty", 4L), r.group("blank-lines.jsonl").rejectedByReason);
    r.assertReconciles(7);
  }

  @Test
  void jsonlBombHugeLineAndDeepNestingStayWithinLimits() throws Exception {
    Path in = generated.resolve("jsonl");
    PipelineConfig config = SparkTests.defaults();
    config.ingest.maxArchiveBytes = 256L << 20;

    Ingested r = ingest("jsonl", config, in);

    assertTrue(Files.size(in.resolve("bomb.jsonl.gz")) < (8 << 20), "the bomb inflates 4 GB from a few MB");
    assertEquals(Map.of("archive-limit", 1L), r.group("bomb.jsonl.gz").rejectedByReason);
    assertTrue(r.reject("bomb.jsonl.gz", "archive-limit").<String>getAs("reject_details").contains("ingest.maxArchiveBytes"),
        "the reject says which setting stopped it");
    StageCounts.Group huge = r.group("huge-line.jsonl");
    assertEquals(2, huge.kept, "the documents around the 100 MB line are kept");
    assertEquals(Map.of("too-large", 1L), huge.rejectedByReason, "a line past ingest.maxRecordBytes is not buffered");
    StageCounts.Group deep = r.group("deep.jsonl");
    assertEquals(2, deep.kept);
    assertEquals(Map.of("invalid-json", 1L), deep.rejectedByReason, "100,000 levels of nesting are refused, not recursed");
    r.assertReconciles(3);
  }

  @Test
  void jsonlDocumentPastTheCharacterCapIsRejectedAsTooLarge() throws Exception {
    PipelineConfig config = SparkTests.defaults();
    config.ingest.maxRecordBytes = 128L << 20;

    Ingested r = ingest("jsonl", config, generated.resolve("jsonl/huge-line.jsonl"));

    assertEquals(Map.of("too-large", 1L), r.group("huge-line.jsonl").rejectedByReason);
    assertTrue(r.reject("huge-line.jsonl", "too-large").<String>getAs("reject_details").contains("\"chars\":"),
        "decoded, then refused by ingest.maxDocumentChars");
    r.assertReconciles(1);
  }

  /** One source's ingest of every file under {@code inputs} into a fresh run folder, with what to check on it. */
  private static Ingested ingest(String kind, PipelineConfig config, Path inputs) throws IOException {
    Path scratch = SparkTests.tempDir("hostile-run-" + kind);
    RunDir run = new RunDir(scratch.resolve("run").toString());
    IngestInput input = new IngestInput();
    input.source = kind;
    input.paths.add(inputs.toString());
    List<Path> before = listing(scratch.getParent());
    StageCounts counts = IngestStage.run(SparkTests.spark(), run, input, config);
    Ingested r = new Ingested(kind, counts, run);
    assertNothingOutside(scratch, before);
    return r;
  }

  /** Every path a reader could be tricked into writing (archive entries named ../escape, /tmp/…escape) is absent. */
  private static void assertNothingOutside(Path scratch, List<Path> before) throws IOException {
    List<Path> added = listing(scratch.getParent());
    added.removeAll(before);
    for (Path p : added) {
      assertFalse(p.getFileName().toString().contains("escape"), "written outside the run folder: " + p);
    }
    assertFalse(Files.exists(Path.of("/tmp/corpusforge-hostile-escape")), "an absolute archive path was written");
    try (Stream<Path> all = Files.walk(scratch)) {
      List<Path> stray = all.filter(p -> !p.startsWith(scratch.resolve("run")) && !p.equals(scratch)).toList();
      assertTrue(stray.isEmpty(), "written next to the run folder: " + stray);
    }
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.collect(Collectors.toList());
    }
  }

  private record Ingested(String kind, StageCounts counts, RunDir run) {
    /** The counts of the input file with this name. */
    StageCounts.Group group(String fileName) {
      return counts.groups.entrySet().stream().filter(e -> e.getKey().endsWith("/" + fileName))
          .map(Map.Entry::getValue).findFirst()
          .orElseThrow(() -> new AssertionError(fileName + " missing from the counts: " + counts.groups.keySet()));
    }

    /** The one stored reject of this file with this reason. */
    Row reject(String fileName, String reason) {
      List<Row> rows = SparkTests.spark().read().parquet(run.rejects("ingest") + "/" + kind)
          .filter("reject_reason = '" + reason + "' and provenance.file like '%/" + fileName + "'").collectAsList();
      assertEquals(1, rows.size(), reason + " rejects of " + fileName);
      assertNotNull(rows.get(0).getAs("reject_details"));
      return rows.get(0);
    }

    /** Every input file is in the counts and read = kept + rejected, in the counts and in the stored rows. */
    void assertReconciles(int files) {
      assertEquals(files, counts.groups.size(), "one count group per input file: " + counts.groups.keySet());
      counts.groups.forEach((file, g) -> {
        assertEquals(g.read, g.kept + g.rejected, file);
        assertEquals(g.rejected, g.rejectedByReason.values().stream().mapToLong(Long::longValue).sum(), file);
      });
      long kept = SparkTests.spark().read().parquet(run.stage("ingest") + "/" + kind).count();
      long rejected = SparkTests.spark().read().parquet(run.rejects("ingest") + "/" + kind).count();
      assertEquals(counts.total.kept, kept);
      assertEquals(counts.total.rejected, rejected);
    }
  }
}
