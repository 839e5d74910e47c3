package dev.corpusforge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ingest of web archives through Spark: our own sample, the WARC/ARC edge cases, and a truncated archive. */
class WebIngestTest {
  private static final Path SAMPLE = SparkTests.root().resolve("data-samples/web/sample.warc.gz");
  private static final Path EDGE = SparkTests.corpusSamples().resolve("web/edge-cases");
  private static Path truncated;
  private static RunDir run;
  private static StageCounts counts;

  @BeforeAll
  static void ingest() throws Exception {
    Path dir = SparkTests.tempDir("web-ingest");
    byte[] sample = Files.readAllBytes(SAMPLE);
    // Cut inside the fourth HTML page: the three pages before it must survive.
    truncated = Files.write(dir.resolve("truncated.warc.gz"), Arrays.copyOf(sample, 5200));
    IngestInput in = new IngestInput();
    in.source = "web";
    in.paths = List.of(SAMPLE.toString(), EDGE.toString(), truncated.toString());
    run = new RunDir(dir.resolve("run").toString());
    counts = IngestStage.run(SparkTests.spark(), run, in, SparkTests.defaults());
  }

  private static StageCounts.Group group(Path file) {
    StageCounts.Group g = counts.groups.get("web:file:" + file);
    assertNotNull(g, () -> "no counts for " + file + " among " + counts.groups.keySet());
    assertEquals(g.read, g.kept + g.rejectedByReason.values().stream().mapToLong(Long::longValue).sum(),
        () -> file + " does not reconcile");
    return g;
  }

  @Test
  void sampleGivesOneDocumentPerHtmlResponse() {
    StageCounts.Group g = group(SAMPLE);
    assertEquals(8, g.read);
    assertEquals(4, g.kept);
    assertEquals(Map.of("skipped:warcinfo", 1L, "skipped:request", 1L, "skipped:http-status", 1L,
        "skipped:non-html", 1L), g.rejectedByReason);
    Dataset<Row> docs = SparkTests.spark().read().parquet(run.stage("ingest") + "/web")
        .where("provenance.file like '%sample.warc.gz'");
    List<String> urls = docs.select("url").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(new TreeMap<>(Map.of("http://bakery.example/sourdough", 1, "http://bees.example/rooftop-hives", 1,
        "http://cafe.example/menu-history", 1, "http://trains.example/night-train", 1)),
        urls.stream().collect(Collectors.toMap(u -> u, u -> 1, Integer::sum, TreeMap::new)));
  }

  @Test
  void sampleDocumentsHoldMainContentTitleAndMetadata() {
    Row bakery = SparkTests.spark().read().parquet(run.stage("ingest") + "/web")
        .where("url = 'http://bakery.example/sourdough'").first();
    String text = bakery.getAs("text");
    assertTrue(text.startsWith("A sourdough starter is nothing more than flour and water"), text);
    assertTrue(text.contains("\nShape it tightly, then proof it overnight in the refrigerator.\n"), text);
    for (String boilerplate : List.of("cookies", "Recipes", "Share on social", "Great post", "You may also like",
        "All rights reserved", "tracking")) {
      assertFalse(text.contains(boilerplate), () -> "kept boilerplate '" + boilerplate + "': " + text);
    }
    // the title holds the headline: the <title>'s " | Crumb Notes" site name is dropped
    assertEquals("Baking sourdough at home", bakery.getAs("title"));
    scala.collection.Map<String, String> meta = bakery.getAs("metadata");
    assertEquals("200", meta.get("http_status").get());
    assertEquals("text/html", meta.get("content_type").get());
    assertEquals("utf-8", meta.get("charset").get());
    assertEquals("bakery.example", meta.get("domain").get());
    assertEquals("2026-11-01T10:02:00Z", meta.get("warc_date").get());
  }

  @Test
  void edgeCasesAreKeptOrRejectedWithReasons() {
    Map<String, long[]> expected = Map.of(
        "example.warc", new long[] {6, 1}, "example.warc.gz", new long[] {6, 1},
        "example-bad-non-chunked.warc.gz", new long[] {6, 1}, "example-iana.org-chunked.warc", new long[] {3, 1},
        "example-digest.warc", new long[] {4, 0}, "example.arc", new long[] {2, 1},
        "example-trunc.warc", new long[] {4, 0});
    expected.forEach((name, readKept) -> {
      StageCounts.Group g = group(EDGE.resolve(name));
      assertEquals(readKept[0], g.read, name);
      assertEquals(readKept[1], g.kept, name);
    });
    assertEquals(Map.of("skipped:warcinfo", 2L, "skipped:request", 2L, "skipped:revisit", 1L),
        group(EDGE.resolve("example.warc")).rejectedByReason);
    assertEquals(Map.of("skipped:request", 4L), group(EDGE.resolve("example-digest.warc")).rejectedByReason);
    assertEquals(Map.of("skipped:warcinfo", 1L), group(EDGE.resolve("example.arc")).rejectedByReason);
    assertEquals(Map.of("skipped:warcinfo", 2L, "skipped:request", 1L, "bad-content-length", 1L),
        group(EDGE.resolve("example-trunc.warc")).rejectedByReason,
        "the record cut off by the end of the file is rejected alone; the request before it is read as usual");
  }

  @Test
  void chunkedGzipAndArcPayloadsAreDecoded() {
    Dataset<Row> docs = SparkTests.spark().read().parquet(run.stage("ingest") + "/web");
    Row iana = docs.where("url = 'http://www.iana.org/'").first();
    assertTrue(((String) iana.getAs("text")).contains("Internet Assigned Numbers Authority")
        || ((String) iana.getAs("text")).contains("IANA"), (String) iana.getAs("text"));
    Row arc = docs.where("provenance.file like '%example.arc'").first();
    assertTrue(((String) arc.getAs("text")).contains("This domain is"), (String) arc.getAs("text"));
    Row gzipped = docs.where("provenance.file like '%example.warc.gz'").first();
    assertEquals("Example Domain", gzipped.getAs("title"));
  }

  @Test
  void truncatedArchiveKeepsWhatCameBefore() {
    StageCounts.Group g = group(truncated);
    assertEquals(3, g.kept);
    assertEquals(1L, g.rejectedByReason.get("corrupt"));
    assertEquals(1L, g.rejectedByReason.get("skipped:request"));
    long rejects = SparkTests.spark().read().parquet(run.rejects("ingest") + "/web")
        .where("provenance.file like '%truncated.warc.gz' and reject_reason = 'corrupt'").count();
    assertEquals(1, rejects);
  }
}
