package dev.corpusforge.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.clean.lang.WikiParagraphs;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.QualityConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.fasttext.FastTextCli;
import dev.corpusforge.fasttext.FastTextModel;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.SparkTests;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.Tokenizer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The learned quality filter on real text: Wikipedia paragraphs (the curated, positive side in GPT-3's recipe) and
 * paragraphs of real web pages (the raw side), as a complete clean stage. {@code train-quality} fits and saves the
 * Spark ML PipelineModel with held-out metrics; the {@code quality} stage scores every document with it or with a
 * fastText model trained here by Debian's fasttext, and applies the keep rules only to web documents.
 */
class QualityStageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<Document> docs = new ArrayList<>();
  /** Paragraphs the classifier was not trained on: what the quality stage scores. */
  static final List<Document> unseen = new ArrayList<>();
  static final Map<String, Document> byId = new HashMap<>();
  static RunDir trained;
  static Path model;

  @BeforeAll static void data() throws Exception {
    List<String> wiki = WikiParagraphs.paragraphs(SparkTests.corpusSamples().resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2"), 200);
    List<String> web = new ArrayList<>();
    for (String page : Files.readAllLines(SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl"))) {
      for (String p : JSON.readTree(page).get("text").asText().split("\n")) if (p.strip().length() >= 200) web.add(p.strip());
    }
    for (int i = 0; i < 300; i++) add(docs, "wiki-" + i, "wikipedia", wiki.get(i));
    for (int i = 0; i < 300; i++) add(docs, "web-" + i, "web", web.get(i));
    for (int i = 300; i < 500; i++) add(unseen, "wiki-" + i, "wikipedia", wiki.get(i));
    for (int i = 300; i < 500; i++) add(unseen, "web-" + i, "web", web.get(i));
    trained = clean("quality-train", docs);
    PipelineConfig config = SparkTests.defaults();
    model = Path.of(QualityTraining.run(SparkTests.spark(), trained, config).toUri().getPath());
  }

  private static void add(List<Document> to, String id, String source, String text) {
    Document d = new Document(Documents.stableId(source, id), source, null, null, text, new Provenance("test", byId.size(), null));
    to.add(d);
    byId.put(d.getId(), d);
  }

  private static RunDir clean(String name, List<Document> input) throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir(name).toString());
    SparkTests.spark().createDataset(input, Documents.ENCODER).repartition(3).write().mode("overwrite").parquet(run.stage(CleanStage.NAME).toString());
    StageWriter.writeMarker(new org.apache.hadoop.fs.Path(run.complete(CleanStage.NAME).toString()), SparkTests.spark().sparkContext().hadoopConfiguration());
    return run;
  }

  private static PipelineConfig config(String modelSetting) {
    PipelineConfig config = SparkTests.defaults();
    config.spark.outputFiles = 2;
    config.quality.model = modelSetting;
    return config;
  }

  private static List<Row> rows(RunDir run, boolean rejects) {
    return SparkTests.spark().read().parquet((rejects ? run.rejects(QualityStage.NAME) : run.stage(QualityStage.NAME)).toString()).collectAsList();
  }

  private static double score(Row r) {
    Map<String, String> metadata = r.getJavaMap(r.fieldIndex("metadata"));
    return Double.parseDouble(metadata.get(QualityScores.SCORE));
  }

  @Test void trainQualityWritesASparkMlPipelineModelAndHeldOutMetrics() throws Exception {
    PipelineModel loaded = PipelineModel.load(model.toString());
    assertEquals(3, loaded.stages().length);
    assertTrue(loaded.stages()[0] instanceof Tokenizer);
    assertTrue(loaded.stages()[1] instanceof HashingTF);
    assertTrue(loaded.stages()[2] instanceof LogisticRegressionModel);
    JsonNode metrics = JSON.readTree(model.resolve(QualityTraining.METRICS).toFile());
    long positives = metrics.get("train").get("positive").asLong() + metrics.get("heldOut").get("positive").asLong();
    long negatives = metrics.get("train").get("negative").asLong() + metrics.get("heldOut").get("negative").asLong();
    assertEquals(docs.stream().filter(d -> d.getSource().equals("wikipedia")).count(), positives);
    assertEquals(docs.stream().filter(d -> d.getSource().equals("web")).count(), negatives);
    assertTrue(metrics.get("heldOut").get("positive").asLong() > 20 && metrics.get("heldOut").get("negative").asLong() > 20);
    // Wikipedia and web paragraphs differ in style and subject: the classifier must tell them apart on held-out text.
    assertTrue(metrics.get("auc").asDouble() > 0.8, "held-out AUC " + metrics.get("auc"));
    assertTrue(metrics.get("accuracy").asDouble() > 0.7, "held-out accuracy " + metrics.get("accuracy"));
  }

  @Test void retrainingOnTheSameDocumentsWritesTheSameModelBytes() throws Exception {
    PipelineConfig config = SparkTests.defaults();
    config.quality.train.output = SparkTests.tempDir("quality-retrained").resolve("model").toString();
    Path again = Path.of(QualityTraining.run(SparkTests.spark(), trained, config).toUri().getPath());
    Map<String, byte[]> first = files(model);
    Map<String, byte[]> second = files(again);
    assertEquals(first.keySet(), second.keySet());
    // No random names left: the data file is part-00000-c000.<codec>.parquet, the stage folders carry fixed uids.
    assertTrue(first.containsKey("stages/2_quality_logreg/data/part-00000-c000." + SparkTests.spark().conf().get("spark.sql.parquet.compression.codec") + ".parquet"),
        first.keySet().toString());
    for (String f : first.keySet()) assertArrayEquals(first.get(f), second.get(f), f);
    assertTrue(PipelineModel.load(again.toString()).stages()[2] instanceof LogisticRegressionModel);
  }

  /** Every file under {@code root} (checksums included) by its relative path. */
  private static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
    }
    return out;
  }

  @Test void paretoRuleScoresEveryDocumentFiltersOnlyWebAndRerunsByteIdentical() throws Exception {
    RunDir run = clean("quality-pareto", unseen);
    PipelineConfig config = config(model.toString());
    new QualityStage().run(SparkTests.spark(), run, config);
    List<Row> kept = rows(run, false);
    List<Row> rejected = rows(run, true);
    assertEquals(unseen.size(), kept.size() + rejected.size());
    assertTrue(!rejected.isEmpty(), "unseen web paragraphs rejected");
    for (Row r : kept) assertTrue(score(r) >= 0 && score(r) <= 1);
    double alpha = config.quality.paretoAlpha;
    for (Row r : rejected) {
      assertEquals("web", r.getAs("source"));
      assertEquals(QualityStage.REASON, r.getAs("reject_reason"));
      JsonNode details = JSON.readTree((String) r.getAs("reject_details"));
      assertEquals(score(r), details.get("quality_score").asDouble(), 1e-12);
      assertTrue(details.get("pareto_draw").asDouble() <= 1 - score(r), "rejected only when the draw is at most 1 - score");
      assertEquals(alpha, details.get("alpha").asDouble());
    }
    Path out = Path.of(run.stage(QualityStage.NAME).toUri().getPath());
    List<byte[]> first = SparkTests.parquetParts(out);
    List<byte[]> firstRejects = SparkTests.parquetParts(out.resolve("_rejects"));
    new QualityStage().run(SparkTests.spark(), run, config);
    List<byte[]> second = SparkTests.parquetParts(out);
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i));
    List<byte[]> secondRejects = SparkTests.parquetParts(out.resolve("_rejects"));
    for (int i = 0; i < firstRejects.size(); i++) assertArrayEquals(firstRejects.get(i), secondRejects.get(i));
  }

  @Test void thresholdRuleKeepsExactlyTheWebDocumentsScoringAtLeastTheThreshold() throws Exception {
    RunDir run = clean("quality-threshold", unseen);
    PipelineConfig config = config(model.toString());
    config.quality.keep = QualityConfig.KEEP_THRESHOLD;
    config.quality.threshold = 0.5;
    new QualityStage().run(SparkTests.spark(), run, config);
    int keptWeb = 0;
    for (Row r : rows(run, false)) {
      if (r.getAs("source").equals("web")) {
        assertTrue(score(r) >= 0.5);
        keptWeb++;
      }
    }
    for (Row r : rows(run, true)) assertTrue(score(r) < 0.5);
    assertTrue(keptWeb > 0, "the threshold keeps some web paragraphs");
  }

  @Test void fastTextModelScoresMatchTheJavaReaderAndAnnotateOnlyDropsNothing() throws Exception {
    FastTextCli.requireInstalled();
    Path dir = SparkTests.tempDir("quality-fasttext");
    List<String> lines = new ArrayList<>();
    for (Document d : docs) lines.add((d.getSource().equals("wikipedia") ? "__label__hq " : "__label__lq ") + d.getText().replace('\n', ' '));
    Files.write(dir.resolve("train.txt"), lines);
    FastTextCli.run(dir, "supervised", "-input", "train.txt", "-output", "quality", "-dim", "16", "-epoch", "5",
        "-wordNgrams", "2", "-bucket", "5000", "-thread", "1", "-verbose", "0");
    Path bin = dir.resolve("quality.bin");
    RunDir run = clean("quality-fasttext-run", unseen);
    PipelineConfig config = config(QualityConfig.FASTTEXT + bin);
    new QualityStage(true).run(SparkTests.spark(), run, config);
    assertTrue(!Files.exists(Path.of(run.rejects(QualityStage.NAME).toUri().getPath())) || rows(run, true).isEmpty());
    FastTextModel m;
    try (InputStream in = Files.newInputStream(bin)) {
      m = FastTextModel.read(in, bin.toString());
    }
    FastTextModel.Predictor p = m.predictor();
    int hq = m.labelIndex("__label__hq");
    List<Row> kept = rows(run, false);
    assertEquals(unseen.size(), kept.size());
    int wouldReject = 0;
    for (Row r : kept) {
      Document d = byId.get((String) r.getAs("id"));
      assertNotNull(d);
      assertEquals(p.predict(d.getText())[hq], score(r), 1e-6);
      if (r.getAs(CleanStage.WOULD_REJECT) != null) {
        assertEquals("web", d.getSource());
        wouldReject++;
      }
    }
    assertTrue(wouldReject > 0, "annotation records the documents the rule would drop");
  }
}
