package dev.corpusforge.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatsStageTest {
  private static final List<String> STAGES = List.of("ingest", "clean", "dedup", "tokenize");
  private static RunDir run;
  private static StatsSummary summary;

  @BeforeAll
  static void runStats() throws Exception {
    run = StatsRunFixture.build("stats");
    new StatsStage().run(SparkTests.spark(), run, config());
    summary = StatsSummary.read(new org.apache.hadoop.fs.Path(run.stage("stats"), StatsSummary.FILE), conf());
  }

  private static PipelineConfig config() {
    PipelineConfig c = SparkTests.defaults();
    c.stats.samplesPerReason = 1;
    return c;
  }

  private static Configuration conf() {
    return SparkTests.spark().sparkContext().hadoopConfiguration();
  }

  private static List<Row> table(String name) {
    return SparkTests.spark().read().parquet(run.stage("stats") + "/" + name).collectAsList();
  }

  @Test
  void summaryReconcilesExactlyWithEachStagesCounts() throws Exception {
    assertEquals(List.of("ingest", "clean", "dedup", "tokenize", "shard"), summary.stages);
    assertTrue(summary.reconciled);
    assertEquals(Map.of("clean", true, "dedup", true, "tokenize", true, "shard", true), summary.inputMatchesPreviousOutput);
    StageCounts shard = StageCounts.read(run.counts("shard"), conf());
    assertEquals(shard.groups.get("jsonl").read, summary.counts.get("shard").sources.get("jsonl").read);
    assertEquals(shard.total.rejectedByReason, summary.counts.get("shard").total.rejectedByReason);
    for (String stage : STAGES) {
      StageCounts counts = StageCounts.read(run.counts(stage), conf());
      Map<String, long[]> expected = new TreeMap<>();
      Map<String, Map<String, Long>> reasons = new TreeMap<>();
      counts.groups.forEach((group, g) -> {
        String source = stage.equals("ingest") ? group.substring(0, group.indexOf(':')) : group;
        long[] e = expected.computeIfAbsent(source, k -> new long[5]);
        e[0] += g.read;
        e[1] += g.kept;
        e[2] += g.rejected;
        e[3] += g.bytesRead;
        e[4] += g.bytesKept;
        g.rejectedByReason.forEach((r, n) -> reasons.computeIfAbsent(source, k -> new TreeMap<>()).merge(r, n, Long::sum));
      });
      StatsSummary.StageSummary s = summary.counts.get(stage);
      assertEquals(expected.keySet(), s.sources.keySet(), stage);
      for (var e : expected.entrySet()) {
        StageCounts.Group got = s.sources.get(e.getKey());
        assertArrayEquals(e.getValue(), new long[] {got.read, got.kept, got.rejected, got.bytesRead, got.bytesKept}, stage);
        assertEquals(reasons.getOrDefault(e.getKey(), Map.of()), got.rejectedByReason, stage);
        assertEquals(got.read, got.kept + got.rejected, stage);
      }
      assertEquals(counts.total.read, s.total.read, stage);
      assertEquals(counts.total.kept, s.total.kept, stage);
      assertEquals(counts.total.rejectedByReason, s.total.rejectedByReason, stage);
    }
  }

  @Test
  void funnelFollowsDocumentsAndTokensThroughTheStages() {
    Map<String, Row> funnel = table("funnel").stream().collect(Collectors.toMap(r -> r.getAs("stage"), r -> r));
    List<String> stages = List.of("ingest", "clean", "dedup", "tokenize", "shard");
    long[][] inOut = {{11, 9}, {9, 7}, {7, 5}, {5, 5}, {5, 4}};
    for (int i = 0; i < stages.size(); i++) {
      Row r = funnel.get(stages.get(i));
      assertEquals(inOut[i][0], (long) r.getAs("documents_in"), stages.get(i));
      assertEquals(inOut[i][1], (long) r.getAs("documents_out"), stages.get(i));
    }
    assertEquals((long) funnel.get("tokenize").<Long>getAs("chars_out"), StatsRunFixture.FOX.length() + StatsRunFixture.LONG.length()
        + "def main(): return 42 # in python".length() + "another distinct document with several words in it".length()
        + "yet another distinct document with words".length());
    assertNull(funnel.get("dedup").getAs("tokens_out"));
    long words = SparkTests.spark().read().parquet(run.stage("tokenize").toString())
        .selectExpr("sum(size(split(text, ' ')))").first().getLong(0);
    assertEquals(words, (long) funnel.get("tokenize").getAs("tokens_out"));
    assertEquals(words, summary.counts.get("tokenize").tokensKept);
    assertEquals(words, (long) funnel.get("shard").getAs("tokens_out"));
  }

  @Test
  void rejectReasonsAreCountedPerStage() {
    Map<String, Long> byReason = new TreeMap<>();
    for (Row r : table("rejects_by_reason")) byReason.put(r.getAs("stage") + "/" + r.getAs("reason"), r.getAs("documents"));
    assertEquals(Map.of("ingest/invalid-json", 1L, "ingest/missing-text", 1L, "clean/gopher:word_count", 2L,
        "dedup/dedup:exact", 2L,
        "shard/shard:downsampled", 1L), byReason);
  }

  @Test
  void lengthHistogramsCountEveryKeptDocumentOnce() {
    Map<String, Long> perStage = new TreeMap<>();
    for (Row r : table("length_histogram")) perStage.merge(r.getAs("stage") + "/" + r.getAs("unit"), r.getAs("documents"), Long::sum);
    assertEquals(Map.of("ingest/chars", 9L, "clean/chars", 7L, "dedup/chars", 5L, "tokenize/chars", 5L, "tokenize/tokens", 5L),
        perStage);
    // The 300-word document has 1,499 characters: in [1000, 2000) at every stage.
    Row longest = table("length_histogram").stream()
        .filter(r -> r.getAs("stage").equals("tokenize") && r.getAs("unit").equals("chars"))
        .max((a, b) -> Integer.compare(a.getAs("bin"), b.getAs("bin"))).orElseThrow();
    assertEquals(1000.0, (double) longest.getAs("bin_lo"));
    assertEquals(2000.0, (double) longest.getAs("bin_hi"));
    assertEquals(1L, (long) longest.getAs("documents"));
  }

  @Test
  void duplicateClustersIncludeTheKeptDocumentAndSingletons() {
    Map<Long, Long> sizes = new TreeMap<>();
    for (Row r : table("dup_cluster_sizes")) sizes.put(r.getAs("cluster_size"), r.getAs("clusters"));
    assertEquals(Map.of(1L, 4L, 3L, 1L), sizes);
  }

  @Test
  void languagesDomainsAndCodeLanguagesOfKeptDocuments() {
    Row en = table("language").stream().filter(r -> r.getAs("stage").equals("clean")).findFirst().orElseThrow();
    assertEquals("en", en.getAs("language"));
    assertEquals(7L, (long) en.getAs("documents"));
    assertTrue(table("language").stream().noneMatch(r -> r.getAs("stage").equals("ingest")), "ingest sets no language");
    Row conf = table("language_confidence").stream().filter(r -> r.getAs("stage").equals("clean")).findFirst().orElseThrow();
    assertEquals(0.9, (double) conf.getAs("bin_lo"), 1e-12);
    assertEquals(7L, (long) conf.getAs("documents"));
    List<Row> domains = table("top_domains").stream().filter(r -> r.getAs("stage").equals("clean"))
        .sorted((a, b) -> Integer.compare(a.getAs("rank"), b.getAs("rank"))).toList();
    assertEquals("example.com", domains.get(0).getAs("domain"));
    assertEquals(4L, (long) domains.get(0).getAs("documents"));
    assertEquals("other.org", domains.get(1).getAs("domain"));
    assertEquals(2L, (long) domains.get(1).getAs("documents"));
    Row code = table("code_languages").stream().filter(r -> r.getAs("stage").equals("tokenize")).findFirst().orElseThrow();
    assertEquals("python", code.getAs("code_language"));
    assertEquals(1L, (long) code.getAs("documents"));
  }

  @Test
  void signalHistogramsComeFromRejectDetails() {
    List<Row> rows = table("signal_histograms");
    assertTrue(rows.stream().allMatch(r -> r.getAs("stage").equals("clean") && r.getAs("signal").equals("word_count")), rows.toString());
    assertEquals(2L, rows.stream().mapToLong(r -> r.getAs("documents")).sum());
    assertEquals(2.0, rows.stream().mapToDouble(r -> r.getAs("bin_lo")).min().orElseThrow());
  }

  @Test
  void samplesAreTheFirstRejectsByIdPerReason() {
    List<Row> samples = table("reject_samples");
    assertEquals(4, samples.size());
    String firstDuplicate = SparkTests.spark().read().parquet(run.rejects("dedup").toString())
        .selectExpr("min(id)").first().getString(0);
    Row dup = samples.stream().filter(r -> r.getAs("reason").equals("dedup:exact")).findFirst().orElseThrow();
    assertEquals(firstDuplicate, dup.getAs("id"));
    assertEquals(StatsRunFixture.FOX, dup.getAs("text"));
    assertTrue(((String) dup.getAs("details")).contains("kept_id"));
  }

  @Test
  void mixtureComesFromTheShardManifest() {
    long tokens = summary.counts.get("tokenize").tokensKept;
    assertEquals(tokens, summary.mixture.tokens);
    assertEquals(Map.of("train", tokens - 9, "val", 9L), summary.mixture.tokensBySplit);
    assertEquals("words", summary.mixture.tokenizer);
    Row mix = table("token_mixture").get(0);
    assertEquals("jsonl", mix.getAs("source"));
    assertEquals(1.0, (double) mix.getAs("share"));
    assertEquals(2, table("shard_tokens").size());
  }

  @Test
  void csvCopiesHoldTheSameRows() throws Exception {
    Path dir = Path.of(run.stage("stats").toUri().getPath());
    for (String name : summary.tables.keySet()) {
      List<List<String>> csv = Csv.parse(Files.readString(dir.resolve(name + ".csv")));
      assertEquals(summary.tables.get(name) + 1, csv.size(), name);
      assertEquals(List.of(SparkTests.spark().read().parquet(dir.resolve(name).toString()).columns()), csv.get(0), name);
    }
  }

  @Test
  void reportIsOneSelfContainedPageWithEveryChart() throws Exception {
    StatsReport report = StatsReport.load(run.root(), conf());
    String html = report.html();
    assertEquals(List.of(), report.missing());
    // funnel (documents, tokens), reasons, length (chars, tokens), languages, confidence, domains, code languages,
    // duplicate clusters, one signal, mixture, shards
    assertEquals(13, html.split("<svg ", -1).length - 1);
    for (String external : List.of("<script", "<link", "src=\"http", "href=\"http", "url(")) {
      assertTrue(!html.contains(external), external);
    }
    assertTrue(html.contains("<pre>" + StatsRunFixture.FOX + "</pre>"), "sample rejects are shown");
    assertTrue(html.contains(">example.com<"), "domains are labelled");
  }

  @Test
  void rerunWritesByteIdenticalTables() throws Exception {
    Path dir = Path.of(run.stage("stats").toUri().getPath());
    Map<String, byte[]> before = files(dir);
    new StatsStage().run(SparkTests.spark(), run, config());
    Map<String, byte[]> after = files(dir);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
  }

  @Test
  void countsThatDisagreeWithTheOutputFailTheStage() throws Exception {
    Path copy = SparkTests.tempDir("stats-tampered");
    Path src = Path.of(run.root().replaceFirst("^file:", ""));
    try (var walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path to = copy.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    RunDir tampered = new RunDir(copy.toString());
    StageCounts counts = StageCounts.read(tampered.counts("dedup"), conf());
    StageCounts.Group g = counts.groups.get("jsonl");
    g.read++;
    g.kept++;
    counts.total.read++;
    counts.total.kept++;
    counts.write(tampered.counts("dedup"), conf());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new StatsStage().run(SparkTests.spark(), tampered, config()));
    assertTrue(e.getMessage().contains("dedup/jsonl"), e.getMessage());
    assertTrue(!Files.exists(copy.resolve("stats/_COMPLETE")));
  }

  private static Map<String, byte[]> files(Path dir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
