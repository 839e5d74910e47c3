package dev.corpusforge.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.SparkTests;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;

/** Test inputs for dedup: real page texts from the shared corpus samples, written as a complete clean stage. */
final class DedupInputs {
  private DedupInputs() {}

  /** The main-content texts of the real web pages in {@code web/pages-dev.gold.jsonl} with at least 150 words. */
  static List<String> goldTexts() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl"))) {
      JsonNode page = json.readTree(line);
      String text = page.get("text").asText();
      if (text.split("\\s+").length >= 150) texts.add(text);
    }
    return texts;
  }

  /** The first {@code n} whitespace-separated words of a text. */
  static String[] words(String text, int n) {
    String[] w = text.trim().split("\\s+");
    return Arrays.copyOf(w, Math.min(n, w.length));
  }

  static Document doc(String id, String source, String url, String text) {
    return new Document(id, source, url, null, text, new Provenance("test", 0, null));
  }

  /** Writes {@code docs} as the complete output of the clean stage of {@code run}. */
  static void writeClean(RunDir run, List<Document> docs) throws IOException {
    SparkTests.spark().createDataset(docs, Documents.ENCODER).write().mode("overwrite").parquet(run.stage("clean").toString());
    StageWriter.writeMarker(new Path(run.complete("clean").toString()), SparkTests.spark().sparkContext().hadoopConfiguration());
  }
}
