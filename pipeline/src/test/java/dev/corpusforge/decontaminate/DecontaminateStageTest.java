package dev.corpusforge.decontaminate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.DecontaminateConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decontamination with planted overlaps: items of data-samples' eval set (and one item shorter than 13 words) are
 * planted into real web page texts, some with changed case and punctuation; every planted document must be found
 * with its eval set and item, and no other document may change.
 */
class DecontaminateStageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<Document> docs = new ArrayList<>();
  /** Planted document id -> the item id planted in it. */
  static final Map<String, String> planted = new HashMap<>();
  static final Map<String, String> plantedText = new HashMap<>();
  static final Map<String, String> originals = new HashMap<>();
  static Path shortSet;
  static List<JsonNode> items = new ArrayList<>();

  @BeforeAll static void data() throws Exception {
    for (String line : Files.readAllLines(SparkTests.root().resolve("data-samples/eval/sample-qa.jsonl"))) items.add(JSON.readTree(line));
    shortSet = SparkTests.tempDir("decontaminate-eval").resolve("short-set.jsonl");
    Files.writeString(shortSet, "{\"id\": \"s-1\", \"question\": \"seven silver keys under the old mill\", \"answer\": \"\"}\n");
    List<String> texts = new ArrayList<>();
    for (String page : Files.readAllLines(SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl"))) {
      String text = JSON.readTree(page).get("text").asText();
      if (text.length() >= 1500) texts.add(text);
    }
    int next = 0;
    for (int i = 0; i < texts.size(); i++) {
      String id = String.format("doc-%03d", i);
      String text = texts.get(i);
      if (i % 3 == 1 && next < items.size()) {
        JsonNode item = items.get(next++);
        String plant = item.get("question").asText() + " " + item.get("answer").asText();
        // Every other plant changes case and punctuation, which the normalization must see through.
        if (next % 2 == 0) plant = plant.toUpperCase(Locale.ROOT).replace(" ", ", ").replace("?", " — ?!");
        text = plantAt(text, text.length() / 2, plant);
        planted.put(id, item.get("id").asText());
        plantedText.put(id, plant);
      } else if (i == 2) {
        text = plantAt(text, text.length() / 3, "Seven silver KEYS under the old mill.");
        planted.put(id, "s-1");
        plantedText.put(id, "Seven silver KEYS under the old mill.");
      }
      originals.put(id, text);
      docs.add(new Document(id, "web", "http://" + id + ".test/", null, text, new Provenance("test", i, null)));
    }
    assertEquals(items.size() + 1, planted.size(), "every item planted once, and the short one");
  }

  static String plantAt(String text, int near, String plant) {
    int at = text.indexOf(' ', near);
    return text.substring(0, at) + " " + plant + " " + text.substring(at + 1);
  }

  private static RunDir runWith(String name, List<Document> input, DecontaminateConfig c) throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir(name).toString());
    SparkTests.spark().createDataset(input, Documents.ENCODER).write().mode("overwrite").parquet(run.stage("clean").toString());
    StageWriter.writeMarker(new org.apache.hadoop.fs.Path(run.complete("clean").toString()), SparkTests.spark().sparkContext().hadoopConfiguration());
    PipelineConfig config = SparkTests.defaults();
    config.spark.outputFiles = 2;
    config.decontaminate = c;
    new DecontaminateStage().run(SparkTests.spark(), run, config);
    return run;
  }

  private static DecontaminateConfig config(String action) {
    DecontaminateConfig c = new DecontaminateConfig();
    c.evalSets = new ArrayList<>(List.of(SparkTests.root().resolve("data-samples/eval/sample-qa.jsonl").toString(), shortSet.toString()));
    c.fields = new ArrayList<>(List.of("question", "answer"));
    c.action = action;
    return c;
  }

  private static Map<String, Row> rows(RunDir run, boolean rejects) {
    Map<String, Row> out = new HashMap<>();
    String dir = (rejects ? run.rejects("decontaminate") : run.stage("decontaminate")).toString();
    for (Row r : SparkTests.spark().read().parquet(dir).collectAsList()) out.put(r.getAs("id"), r);
    return out;
  }

  @Test void everyPlantedDocumentIsDroppedWithItsEvalSetAndItemAndNoOtherIsTouched() throws Exception {
    RunDir run = runWith("decontaminate-drop", docs, config(DecontaminateConfig.DROP));
    Map<String, Row> rejects = rows(run, true);
    Map<String, Row> kept = rows(run, false);
    assertEquals(planted.keySet(), rejects.keySet());
    for (Map.Entry<String, Row> e : rejects.entrySet()) {
      assertEquals(Contamination.REASON_MATCH, e.getValue().getAs("reject_reason"));
      JsonNode first = JSON.readTree((String) e.getValue().getAs("reject_details")).get("first").get(0);
      assertEquals(planted.get(e.getKey()), first.get("item").asText());
      assertEquals(planted.get(e.getKey()).startsWith("s-") ? "short-set" : "sample-qa", first.get("eval_set").asText());
      String ngram = first.get("ngram").asText();
      assertTrue(NormalizedWords.normalizedText(plantedText.get(e.getKey()), 0, plantedText.get(e.getKey()).length()).contains(ngram), ngram);
    }
    assertEquals(docs.size() - planted.size(), kept.size());
    for (Row r : kept.values()) assertEquals(originals.get((String) r.getAs("id")), r.getAs("text"));
  }

  @Test void cutRemovesEachSpanWithItsMarginsAndLeavesOtherDocumentsAlone() throws Exception {
    // One more document with eleven planted spans far apart: more than ten pieces, so dropped whole.
    List<Document> input = new ArrayList<>(docs);
    StringBuilder many = new StringBuilder();
    String filler = originals.get("doc-000").substring(0, 600);
    for (int i = 0; i < 11; i++) many.append(filler).append(' ').append(items.get(0).get("question").asText()).append(' ');
    many.append(filler);
    input.add(new Document("doc-many", "web", null, null, many.toString(), new Provenance("test", 999, null)));
    RunDir run = runWith("decontaminate-cut", input, config(DecontaminateConfig.CUT));
    Map<String, Row> rejects = rows(run, true);
    Map<String, Row> kept = rows(run, false);
    assertEquals(Contamination.REASON_PIECES, rejects.get("doc-many").getAs("reject_reason"));
    for (String id : planted.keySet()) {
      String original = originals.get(id);
      String plant = plantedText.get(id);
      int start = original.indexOf(plant);
      String cutRegion = original.substring(Math.max(0, start - 200), Math.min(original.length(), start + plant.length() + 200));
      Row r = kept.get(id);
      if (r == null) {
        assertEquals(Contamination.REASON_SHORT, rejects.get(id).getAs("reject_reason"), id);
        continue;
      }
      String text = r.getAs("text");
      assertFalse(text.contains(cutRegion.substring(190, cutRegion.length() - 190)), id + ": the span is still there");
      assertTrue(text.length() <= original.length() - plant.length() - 200, id + ": margins kept");
      Map<String, String> metadata = r.getJavaMap(r.fieldIndex("metadata"));
      JsonNode record = JSON.readTree(metadata.get(DecontaminateStage.METADATA));
      assertEquals(planted.get(id), record.get("first").get(0).get("item").asText());
    }
    long untouched = kept.values().stream().filter(r -> !planted.containsKey((String) r.getAs("id"))).count();
    assertEquals(docs.size() - planted.size(), untouched);
    for (Row r : kept.values()) {
      if (!planted.containsKey((String) r.getAs("id"))) assertEquals(originals.get((String) r.getAs("id")), r.getAs("text"));
    }
    assertTrue(rejects.size() + kept.size() == input.size());
  }

  @Test void joiningTheEvalNgramsGivesTheSameOutputAsBroadcastingThem() throws Exception {
    RunDir broadcast = runWith("decontaminate-broadcast", docs, config(DecontaminateConfig.CUT));
    DecontaminateConfig c = config(DecontaminateConfig.CUT);
    c.broadcastLimit = 0;
    RunDir joined = runWith("decontaminate-join", docs, c);
    for (String sub : List.of("", "_rejects")) {
      List<byte[]> a = SparkTests.parquetParts(Path.of(broadcast.stage("decontaminate").toUri().getPath(), sub));
      List<byte[]> b = SparkTests.parquetParts(Path.of(joined.stage("decontaminate").toUri().getPath(), sub));
      assertNotNull(a);
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), sub + " part " + i);
    }
  }
}
