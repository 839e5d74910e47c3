package dev.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DedupStageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static List<String> texts;

  /**
   * The mixed corpus deduplicated three times: from 1 and from 4 input partitions, and from 4 with the connected
   * components run as Spark rounds instead of on the driver.
   */
  private static final List<RunDir> mixedRuns = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    texts = DedupInputs.goldTexts();
    List<Document> docs = mixedCorpus();
    for (int i = 0; i < 3; i++) docs.add(DedupInputs.doc("l" + i, "web", null, page(10 + i) + "\nShare this page on social media"));
    PipelineConfig config = SparkTests.defaults();
    config.spark.outputFiles = 3;
    for (int partitions : new int[] {1, 4, 4}) {
      if (mixedRuns.size() == 2) config.dedup.near.driverComponentsMaxPairs = 0;
      RunDir run = new RunDir(SparkTests.tempDir("dedup-mixed").toString());
      DedupInputs.writeClean(run, docs);
      new DedupStage().run(SparkTests.spark(), run, config, partitions);
      mixedRuns.add(run);
    }
  }

  /** The first 200 words of real page {@code i}, on one line. */
  private static String page(int i) {
    return String.join(" ", DedupInputs.words(texts.get(i), 200));
  }

  private static String replaceWords(String text, int from, int count, String with) {
    String[] w = text.split(" ");
    for (int i = from; i < from + count; i++) w[i] = with + i;
    return String.join(" ", w);
  }

  /** Exact copies (case and punctuation aside), one URL twice, a near-duplicate pair, and distinct pages. */
  private static List<Document> mixedCorpus() {
    List<Document> docs = new ArrayList<>();
    docs.add(DedupInputs.doc("e1", "wikipedia", null, page(0)));
    docs.add(DedupInputs.doc("e2", "jsonl", null, page(0).toUpperCase().replace(",", ";")));
    docs.add(DedupInputs.doc("u1", "web", "http://a.pages.test/story", page(1)));
    docs.add(DedupInputs.doc("u2", "web", "https://www.A.pages.test/story/#comments", String.join(" ", DedupInputs.words(texts.get(2), 150))));
    docs.add(DedupInputs.doc("n1", "web", "http://n1.pages.test/", page(3)));
    docs.add(DedupInputs.doc("n2", "web", "http://n2.pages.test/", replaceWords(page(3), 100, 3, "zzzzzzzzzzzz")));
    for (int i = 4; i < 10; i++) docs.add(DedupInputs.doc("d" + i, "web", "http://d" + i + ".pages.test/", page(i)));
    return docs;
  }

  private static Map<String, JsonNode> rejects(RunDir run) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    for (Row r : SparkTests.spark().read().parquet(run.rejects("dedup").toString()).collectAsList()) {
      JsonNode details = JSON.readTree(r.<String>getAs(Rejects.DETAILS));
      ((com.fasterxml.jackson.databind.node.ObjectNode) details).put("reason", r.<String>getAs(Rejects.REASON));
      out.put(r.getAs("id"), details);
    }
    return out;
  }

  @Test
  void exactUrlAndNearDuplicatesGoToRejectsWithClusterAndKeptDocument() throws Exception {
    RunDir run = mixedRuns.get(1);
    StageCounts counts = StageCounts.read(new org.apache.hadoop.fs.Path(run.counts("dedup").toString()),
        SparkTests.spark().sparkContext().hadoopConfiguration());

    assertEquals(15, counts.total.read);
    assertEquals(Map.of("dedup:exact", 1L, "dedup:url", 1L, "dedup:near", 1L), counts.total.rejectedByReason);
    Map<String, JsonNode> rejects = rejects(run);
    // Same length after normalization: the smaller id is kept.
    assertEquals("dedup:exact", rejects.get("e2").get("reason").asText());
    assertEquals("e1", rejects.get("e2").get("kept").asText());
    // Same page under another spelling of its URL: the longer text is kept.
    assertEquals("dedup:url", rejects.get("u2").get("reason").asText());
    assertEquals("u1", rejects.get("u2").get("kept").asText());
    assertEquals("http://a.pages.test/story", rejects.get("u2").get("cluster").asText());
    // Near duplicates: n2 has longer words in place of three of n1's, so it is kept; the cluster is named by n1.
    assertEquals("dedup:near", rejects.get("n1").get("reason").asText());
    assertEquals("n2", rejects.get("n1").get("kept").asText());
    assertEquals("n1", rejects.get("n1").get("cluster").asText());
    assertEquals(1L, counts.counters.get("near_clusters"));
    // The line shared by l0, l1 and l2 is cut from each.
    assertEquals(3L, counts.counters.get("dedup_lines_removed"));
    assertEquals(12, SparkTests.spark().read().parquet(run.stage("dedup").toString()).count());
    assertTrue(Files.exists(Path.of(run.complete("dedup").toString())));
    assertFalse(Files.exists(Path.of(run.root(), ".dedup-work")));
  }

  @Test
  void outputIsByteIdenticalWithOneOrFourInputPartitionsAndWithComponentsOnTheDriverOrInSpark() throws Exception {
    List<List<byte[]>> outputs = new ArrayList<>();
    for (RunDir run : mixedRuns) {
      List<byte[]> files = new ArrayList<>(SparkTests.parquetParts(Path.of(run.stage("dedup").toString())));
      files.addAll(SparkTests.parquetParts(Path.of(run.rejects("dedup").toString())));
      files.add(Files.readAllBytes(Path.of(run.counts("dedup").toString())));
      outputs.add(files);
    }
    assertEquals(3 + 3 + 1, outputs.get(0).size());
    for (int run = 1; run < outputs.size(); run++) {
      for (int i = 0; i < outputs.get(0).size(); i++) {
        assertArrayEquals(outputs.get(0).get(i), outputs.get(run).get(i), "run " + run + ", file " + i);
      }
    }
  }

  @Test
  void aChainOfSimilarPairsIsOneClusterEvenWhenItsEndsAreNotSimilar() throws Exception {
    String a = page(4);
    String b = replaceWords(a, 190, 10, "tail");
    String c = replaceWords(b, 0, 10, "head");
    Shingles s = new Shingles(5, "characters");
    double ab = JaccardVerification.jaccard(s.scan(a).distinctSorted(), s.scan(b).distinctSorted());
    double bc = JaccardVerification.jaccard(s.scan(b).distinctSorted(), s.scan(c).distinctSorted());
    double ac = JaccardVerification.jaccard(s.scan(a).distinctSorted(), s.scan(c).distinctSorted());
    PipelineConfig config = SparkTests.defaults();
    config.dedup.near.verify = true;
    config.dedup.near.threshold = 0.85;
    assertTrue(ab >= 0.85 && bc >= 0.85 && ac < 0.85, ab + " " + bc + " " + ac);
    RunDir run = new RunDir(SparkTests.tempDir("dedup-chain").toString());
    List<Document> docs = new ArrayList<>(List.of(DedupInputs.doc("a", "web", null, a), DedupInputs.doc("b", "web", null, b),
        DedupInputs.doc("c", "web", null, c)));
    for (int i = 5; i < 9; i++) docs.add(DedupInputs.doc("d" + i, "web", null, page(i)));
    DedupInputs.writeClean(run, docs);

    StageCounts counts = new DedupStage().run(SparkTests.spark(), run, config);

    assertEquals(2L, counts.total.rejectedByReason.get("dedup:near"));
    Map<String, JsonNode> rejects = rejects(run);
    for (JsonNode r : rejects.values()) assertEquals("a", r.get("cluster").asText());
    assertEquals(1L, counts.counters.get("near_clusters"));
    assertEquals(3L, counts.counters.get("near_clustered_documents"));
    // The verified pairs are a-b and b-c: the a-c candidate, if LSH proposed it, was dropped.
    assertEquals(2L, counts.counters.get("near_candidate_pairs"));
  }

  @Test
  void linesRepeatedAcrossDocumentsAreRemovedExceptFromCode() throws Exception {
    String boiler = "Subscribe to our newsletter for the latest updates";
    String cookie = "This site uses cookies 2024";
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 4; i++) docs.add(DedupInputs.doc("w" + i, "web", null, page(i) + "\n" + boiler + "\n" + cookie.replace("2024", "202" + i)));
    docs.add(DedupInputs.doc("only", "web", null, boiler.toUpperCase() + "!\n\n" + cookie));
    docs.add(DedupInputs.doc("code", "code", null, page(6) + "\n" + boiler));
    RunDir run = new RunDir(SparkTests.tempDir("dedup-lines").toString());
    DedupInputs.writeClean(run, docs);

    StageCounts counts = new DedupStage().run(SparkTests.spark(), run, SparkTests.defaults());

    // Five web documents carry each boilerplate line (digits normalized to 0): 4 x 2 lines + 2 in "only".
    assertEquals(10L, counts.counters.get("dedup_lines_removed"));
    assertEquals(Map.of("dedup:lines", 1L), counts.total.rejectedByReason);
    Map<String, String> kept = new HashMap<>();
    for (Row r : SparkTests.spark().read().parquet(run.stage("dedup").toString()).collectAsList()) kept.put(r.getAs("id"), r.getAs("text"));
    assertEquals(page(0), kept.get("w0"));
    assertEquals(page(6) + "\n" + boiler, kept.get("code"));
    assertEquals(2, rejects(run).get("only").get("lines_removed").asInt());
  }
}
