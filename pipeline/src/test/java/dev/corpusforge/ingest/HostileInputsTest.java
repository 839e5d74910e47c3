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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
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
    HostileFiles.deepHtmlWarc(Files.createDirectories(generated.resolve("web")).resolve("deep-html.warc"), 100_000);
    HostileFiles.gzipBombWarc(Files.createDirectories(generated.resolve("web-bomb")).resolve("bomb.warc.gz"), 1024);
    Path code = Files.createDirectories(generated.resolve("code"));
    HostileFiles.zipBomb(code.resolve("big-entries.zip"), 8, 64 << 10);
    HostileFiles.zipBomb(code.resolve("many-entries.zip"), 512, 1000);
    Path parquet = Files.createDirectories(generated.resolve("parquet"));
    // Row groups of about 4 KB (some 90 rows): a file of 1,000 rows has ten or so.
    HostileFiles.damageRowGroup(HostileFiles.parquetRows(parquet.resolve("text-damage.parquet"), PARQUET_ROWS, 4096,
        true), 1, 0.75, 8, (byte) 'X');
    HostileFiles.damageRowGroup(HostileFiles.parquetRows(parquet.resolve("header-damage.parquet"), PARQUET_ROWS, 4096,
        false), 1, 0, 16, (byte) 0);
    HostileFiles.truncate(HostileFiles.parquetRows(parquet.resolve("cut-footer.parquet"), PARQUET_ROWS, 4096, true), 10);
    HostileFiles.parquetTexts(parquet.resolve("bad-bytes.parquet"), List.of(
        "clean text".getBytes(StandardCharsets.UTF_8),
        new byte[] {'b', 'a', 'd', ' ', (byte) 0xFF, ' ', 'b', 'y', 't', 'e'},
        new byte[] {'s', 'u', 'r', 'r', 'o', 'g', 'a', 't', 'e', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
        "a real \uFFFD stays uncounted".getBytes(StandardCharsets.UTF_8)), 1 << 20, true);
  }

  private static final int PARQUET_ROWS = 1000;

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
    assertEquals(6, bytes.kept, "clean lines, an escaped \\u0000, and the lines with invalid UTF-8 are kept");
    assertEquals(1L, r.counts.counters.get("jsonl:nul_removed"), "the escaped NUL is removed from the kept text");
    assertEquals(4L, r.counts.counters.get("jsonl:invalid_code_points"),
        "bad sequence (1), overlong form (2 bytes, 2), encoded surrogate (1): each a counted U+FFFD, never '?'");
    assertTrue(r.keptTexts("bad-bytes.jsonl").contains("overlong slash \uFFFD\uFFFD"));
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

  @Test
  void webLyingLengthsTruncationBadBytesAndDeepHtml() throws Exception {
    Ingested r = ingest("web", SparkTests.defaults(), HOSTILE.resolve("web"), generated.resolve("web"));

    StageCounts.Group liar = r.group("lying-content-length.warc");
    assertEquals(2, liar.kept, "the records before and after the liar are kept");
    assertEquals(Map.of("bad-content-length", 1L), liar.rejectedByReason, "the liar alone is rejected");
    assertEquals(Map.of("bytes_skipped", (long) liarBytes(), "recovered_after_damage", 1L), liar.counters,
        "_counts.json shows the bytes passed over and the record recovered after them");
    assertEquals("the page after the liar " .repeat(30).strip(), r.keptTexts("lying-content-length.warc").stream()
        .filter(t -> t.contains("after the liar")).findFirst().orElseThrow());
    StageCounts.Group eof = r.group("content-length-past-eof.warc");
    assertEquals(1, eof.kept);
    assertEquals(Map.of("bad-content-length", 1L), eof.rejectedByReason);
    assertEquals(1, r.group("truncated.warc.gz").kept);
    assertEquals(Map.of("corrupt", 1L), r.group("truncated.warc.gz").rejectedByReason);
    assertTrue(r.group("truncated.warc.gz").counters.get("bytes_skipped") > 0, "the cut member's bytes");
    assertEquals(Map.of("empty-file", 1L), r.group("empty.warc").rejectedByReason);
    assertEquals(Map.of("empty-file", 1L), r.group("zero-bytes.warc.gz").rejectedByReason);
    String badBytes = r.keptText("bad-bytes.warc");
    assertTrue(badBytes.contains("\uFFFD"), "invalid UTF-8 is replaced, not fatal");
    assertFalse(badBytes.contains("\u0000"), badBytes);
    assertEquals(2L, r.counts.counters.get("web:nul_removed"), "both NULs of the page are removed and counted");
    assertEquals("text at the bottom of a very deep page", r.keptText("deep-html.warc").strip(),
        "100,000 nested elements are walked without overflowing the stack");
    r.assertReconciles(7);
  }

  @Test
  void webGzipBombStopsAtTheArchiveCapNamingTheRecord() throws Exception {
    Path bomb = generated.resolve("web-bomb/bomb.warc.gz");
    PipelineConfig config = SparkTests.defaults();
    config.ingest.maxArchiveBytes = 256L << 20;

    Ingested r = ingest("web", config, bomb.getParent());

    assertTrue(Files.size(bomb) < (4 << 20), "1 GB of record body from a few MB");
    StageCounts.Group g = r.group("bomb.warc.gz");
    assertEquals(1, g.kept, "the page before the bomb is kept");
    assertEquals(Map.of("too-large", 1L, "archive-limit", 1L), g.rejectedByReason,
        "the bomb's record is refused by ingest.maxRecordBytes; skipping its body runs into the archive cap");
    String details = r.reject("bomb.warc.gz", "archive-limit").getAs("reject_details");
    assertTrue(details.contains("ingest.maxArchiveBytes") && details.contains("warc record 3"), details);
    r.assertReconciles(1);
  }

  @Test
  void wikipediaMalformedTruncatedAndEntityBomb() throws Exception {
    Ingested r = ingest("wikipedia", SparkTests.defaults(), HOSTILE.resolve("wikipedia"));

    StageCounts.Group malformed = r.group("malformed.xml");
    assertEquals(2, malformed.kept, "the well-formed pages before and after the damaged one are kept");
    String details = r.reject("malformed.xml", "corrupt").getAs("reject_details");
    assertTrue(details.contains("\"page\":2") && details.contains("\"title\":\"Broken\""), details);
    assertEquals(1L, malformed.counters.get("recovered_after_damage"));
    assertEquals(Map.of("corrupt", 1L), r.group("truncated.xml.bz2").rejectedByReason);
    assertEquals(Map.of("corrupt", 1L), r.group("entity-bomb.xml").rejectedByReason,
        "entities are not expanded: 10 GB of laughs never materialise");
    assertEquals(Map.of("empty-file", 1L), r.group("empty.xml").rejectedByReason);
    StageCounts.Group badBytes = r.group("bad-bytes.xml");
    assertEquals(3, badBytes.kept, "invalid UTF-8 becomes U+FFFD; the pages after it are read");
    assertTrue(r.keptTexts("bad-bytes.xml").stream().anyMatch(t -> t.contains("invalid \uFFFD( UTF-8 and a stray \uFFFD")));
    StageCounts.Group nul = r.group("nul.xml");
    assertEquals(2, nul.kept, "XML forbids NUL: the page with one is damaged, the pages around it are not");
    assertTrue(r.reject("nul.xml", "corrupt").<String>getAs("reject_details").contains("\"page\":2"));
    r.assertReconciles(6);
  }

  @Test
  void arxivInputLoopsTraversalAndDamage() throws Exception {
    Ingested r = ingest("arxiv", SparkTests.defaults(), HOSTILE.resolve("arxiv"));

    assertEquals(Map.of("arxiv:input-loop", 1L), r.group("input-loop.tar.gz").rejectedByReason);
    assertEquals(Map.of("arxiv:input-loop", 1L), r.group("self-input.tar.gz").rejectedByReason);
    StageCounts.Group traversal = r.group("traversal.tar.gz");
    assertEquals(1, traversal.kept, "the paper itself is kept");
    assertEquals(Map.of("hostile-path", 5L), traversal.rejectedByReason, "3 escaping names and 2 symlinks");
    assertFalse(r.keptText("traversal.tar.gz").contains("root:"), "no content from outside the archive");
    assertEquals(Map.of("corrupt", 1L), r.group("truncated.tar.gz").rejectedByReason);
    assertEquals(Map.of("empty-file", 1L), r.group("zero-bytes.tar.gz").rejectedByReason);
    r.assertReconciles(5);
  }

  @Test
  void codeTraversalZipBombsAndDamage() throws Exception {
    PipelineConfig config = SparkTests.defaults();
    config.ingest.maxArchiveBytes = 256L << 20;
    Ingested r = ingest("code", config, HOSTILE.resolve("code"), generated.resolve("code"));

    for (String archive : List.of("traversal.zip", "traversal.tar.gz")) {
      assertEquals(1, r.group(archive).kept, archive);
      assertEquals(Map.of("hostile-path", 4L), r.group(archive).rejectedByReason, "3 escaping names and a symlink");
      assertFalse(r.keptText(archive).contains("root:"), "the symlink to /etc/passwd is not followed");
    }
    StageCounts.Group big = r.group("big-entries.zip");
    assertEquals(Map.of("code:oversize", 8L), big.rejectedByReason, "each 64 MB entry is read to the file cap only");
    StageCounts.Group many = r.group("many-entries.zip");
    assertEquals(1L, many.rejectedByReason.get("archive-limit"), "512 MB of small entries stop at the archive cap");
    assertTrue(many.read < 512, "entries after the cap are not read");
    assertEquals(Map.of("corrupt", 1L), r.group("truncated.zip").rejectedByReason);
    assertEquals(Map.of("empty-file", 1L), r.group("zero-bytes.zip").rejectedByReason);
    r.assertReconciles(6);
  }

  @Test
  void parquetDamagedRowGroupCostsOnlyItsRowsAndACutFooterTheWholeFile() throws Exception {
    Path in = generated.resolve("parquet");
    Ingested r = ingest("parquet", SparkTests.defaults(), in);

    // Bytes overwritten inside the text (caught by the page CRC) and a zeroed page header (no CRC in that file).
    for (String damaged : List.of("text-damage.parquet", "header-damage.parquet")) {
      List<BlockMetaData> groups = HostileFiles.rowGroups(in.resolve(damaged));
      assertTrue(groups.size() > 3, damaged + " row groups: " + groups.size());
      long first = groups.get(0).getRowCount();
      long end = first + groups.get(1).getRowCount();
      StageCounts.Group g = r.group(damaged);
      assertEquals(Map.of("corrupt", 1L), g.rejectedByReason, damaged + ": the second row group, alone");
      assertEquals(Map.of("bytes_skipped", groups.get(1).getCompressedSize(), "recovered_after_damage",
          PARQUET_ROWS - end), g.counters, damaged + ": the row group's bytes; every row after it recovered");
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < PARQUET_ROWS; i++) if (i < first || i >= end) expected.add(HostileFiles.parquetText(i));
      assertEquals(expected, r.keptTextsInOrder(damaged), damaged + ": every other row, with its exact text");
      assertTrue(r.reject(damaged, "corrupt").<String>getAs("reject_details")
          .contains("\"row_group\":1,\"first_row\":" + first + ",\"rows\":" + (end - first)));
    }

    StageCounts.Group cut = r.group("cut-footer.parquet");
    assertEquals(Map.of("corrupt", 1L), cut.rejectedByReason, "no footer, no row group can be found");
    assertEquals(Files.size(in.resolve("cut-footer.parquet")), cut.counters.get("bytes_skipped"));

    assertEquals(4, r.group("bad-bytes.parquet").kept);
    assertEquals(List.of("clean text", "bad \uFFFD byte", "surrogate \uFFFD", "a real \uFFFD stays uncounted"),
        r.keptTextsInOrder("bad-bytes.parquet"));
    assertEquals(2L, r.counts.counters.get("parquet:invalid_code_points"), "a stray byte and an encoded surrogate");
    r.assertReconciles(4);

    PipelineConfig rejecting = SparkTests.defaults();
    rejecting.ingest.invalidCodePoints = "reject";
    Ingested strict = ingest("parquet", rejecting, in.resolve("bad-bytes.parquet"));
    assertEquals(Map.of("invalid-code-points", 2L), strict.group("bad-bytes.parquet").rejectedByReason);
  }

  /** The bytes of the lying record in lying-content-length.warc, from its header to the next record's. */
  private static int liarBytes() throws IOException {
    String warc = new String(Files.readAllBytes(HOSTILE.resolve("web/lying-content-length.warc")),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    int second = warc.indexOf("WARC/1.0", 1);
    return warc.indexOf("WARC/1.0", second + 1) - second;
  }

  /** One source's ingest of every file under {@code inputs} into a fresh run folder, with what to check on it. */
  private static Ingested ingest(String kind, PipelineConfig config, Path... inputs) throws IOException {
    Path scratch = SparkTests.tempDir("hostile-run-" + kind);
    RunDir run = new RunDir(scratch.resolve("run").toString());
    IngestInput input = new IngestInput();
    input.source = kind;
    for (Path p : inputs) input.paths.add(p.toString());
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

    /** The text of the one kept document of this file. */
    String keptText(String fileName) {
      List<String> texts = keptTexts(fileName);
      assertEquals(1, texts.size(), "kept documents of " + fileName);
      return texts.get(0);
    }

    /** The kept texts of this file in row order (provenance offset). */
    List<String> keptTextsInOrder(String fileName) {
      return SparkTests.spark().read().parquet(run.stage("ingest") + "/" + kind)
          .filter("provenance.file like '%/" + fileName + "'").orderBy("provenance.offset").collectAsList().stream()
          .map(row -> row.<String>getAs("text")).collect(Collectors.toList());
    }

    List<String> keptTexts(String fileName) {
      return SparkTests.spark().read().parquet(run.stage("ingest") + "/" + kind)
          .filter("provenance.file like '%/" + fileName + "'").collectAsList().stream()
          .map(row -> row.<String>getAs("text")).collect(Collectors.toList());
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
