package dev.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.stage.PartCommit;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CleanStageTest {
  static final String ARTICLE = "The city council met on Tuesday to discuss the new public library, which will open next "
      + "spring in the old market hall.[1] The building has been empty for more than ten years, and many residents "
      + "have asked for it to be used again. Questions can be sent to the press office at press@city-news.example.com "
      + "or to the server at 93.184.216.34 for the archive.\n"
      + "According to the plan, the ground floor will hold the children's section and a small cafe. The upper floors "
      + "will have reading rooms, study spaces and a collection of local history that the museum has kept in storage. "
      + "The council expects the work to cost about four million euros, most of it paid by a regional grant.\n"
      + "Several members asked whether the opening hours would be long enough for people who work during the day. "
      + "The mayor said that the library would stay open until nine in the evening on weekdays and would open on "
      + "Sunday afternoons as well. A final vote on the budget is planned for the meeting at the end of the month.";
  static final String GERMAN = "Der Stadtrat hat am Dienstag über die neue öffentliche Bibliothek beraten, die im "
      + "nächsten Frühjahr in der alten Markthalle eröffnet werden soll. Das Gebäude steht seit mehr als zehn Jahren "
      + "leer, und viele Bewohner haben gefordert, dass es wieder genutzt wird. Im Erdgeschoss sollen die Kinderabteilung "
      + "und ein kleines Café untergebracht werden.";
  static final String BULGARIAN = "Григорианският календар е съвременният международно признат светски календар. Той е "
      + "въведен в употреба през 1582 година с була на папа Григорий XIII, чието име носи и днес.";

  private static Document doc(String source, String key, String url, String text) {
    return new Document(Documents.stableId(source, key), source, url, null, text, new Provenance("in/" + source, 0, key));
  }

  private static RunDir ingest(Path dir) throws Exception {
    RunDir run = new RunDir(dir.resolve("run").toString());
    Map<String, List<Document>> bySource = new HashMap<>();
    bySource.computeIfAbsent("web", k -> new ArrayList<>()).addAll(List.of(
        doc("web", "good", "http://a.test/", ARTICLE),
        doc("web", "german", "http://b.test/", GERMAN),
        doc("web", "nav", "http://c.test/", "Home\nAbout us\nContact\nLogin\nHome\nAbout us\nContact\nLogin")));
    bySource.computeIfAbsent("wikipedia", k -> new ArrayList<>()).add(doc("wikipedia", "bg", "https://bg.wikipedia.org/wiki/X", BULGARIAN));
    bySource.computeIfAbsent("code", k -> new ArrayList<>()).addAll(List.of(
        doc("code", "keys", "repo/settings.py", "import os\n\nAWS_KEY = \"AKIAIOSFODNN7EXAMPLE\"\npassword = \"hunter22\"\n"),
        doc("code", "minified", "repo/app.min.js", "var a=1;".repeat(200))));
    bySource.computeIfAbsent("notes", k -> new ArrayList<>()).add(doc("notes", "n1", null, "Too short to keep."));
    Configuration conf = SparkTests.spark().sparkContext().hadoopConfiguration();
    for (Map.Entry<String, List<Document>> e : bySource.entrySet()) {
      String out = run.stage("ingest") + "/" + e.getKey();
      SparkTests.spark().createDataset(e.getValue(), Documents.ENCODER).write().parquet(out);
      StageWriter.writeMarker(new org.apache.hadoop.fs.Path(out, RunDir.COMPLETE), conf);
    }
    return run;
  }

  @Test
  void everyDocumentIsKeptOrRejectedWithItsSignalsAndRerunsAreByteIdentical() throws Exception {
    RunDir run = ingest(SparkTests.tempDir("clean"));
    PipelineConfig config = SparkTests.defaults();
    config.spark.outputFiles = 2;

    StageCounts counts = new CleanStage().run(SparkTests.spark(), run, config);

    assertEquals(7, counts.total.read);
    assertEquals(1L, counts.groups.get("web").rejectedByReason.get("language:de"));
    assertEquals(1L, counts.groups.get("code").rejectedByReason.get("code:max_line_length"));
    assertEquals(1, counts.groups.get("notes").rejected);
    assertEquals(3, counts.total.kept, counts.total.rejectedByReason.toString());
    assertEquals(1L, counts.counters.get("pii_email"));
    assertEquals(1L, counts.counters.get("pii_ipv4"));
    assertEquals(1L, counts.counters.get("secret_aws_key"));
    assertEquals(1L, counts.counters.get("secret_assignment"));

    Dataset<Row> kept = SparkTests.spark().read().parquet(run.stage("clean").toString());
    assertEquals(Arrays.asList(Documents.SCHEMA.fieldNames()), Arrays.asList(kept.schema().fieldNames()));
    Row web = kept.filter("source = 'web'").first();
    String text = web.getAs("text");
    assertTrue(text.contains("<EMAIL>") && text.contains("<IP_ADDRESS>") && !text.contains("[1]"), text);
    assertEquals("en", web.getAs("language"));
    assertTrue(web.<Double>getAs("languageScore") >= 0.65);
    Row wiki = kept.filter("source = 'wikipedia'").first();
    assertEquals("bg", wiki.getAs("language"));
    String code = kept.filter("source = 'code'").first().getAs("text");
    assertEquals("import os\n\nAWS_KEY = \"<SECRET>\"\npassword = \"<SECRET>\"\n", code);

    Row german = SparkTests.spark().read().parquet(run.rejects("clean").toString()).filter("reject_reason = 'language:de'").first();
    String details = german.getAs("reject_details");
    assertTrue(details.matches("\\{\"score\":(1|0\\.9\\d*)\\}"), details);
    assertEquals("de", german.getAs("language"));

    List<byte[]> first = SparkTests.parquetParts(Path.of(run.stage("clean").toString()));
    // map-only: one part per ingest part file, whatever spark.outputFiles says
    long ingestParts = 0;
    for (String source : List.of("code", "notes", "web", "wikipedia")) {
      try (var files = Files.list(Path.of(run.stage("ingest").toString(), source))) {
        ingestParts += files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
      }
    }
    assertEquals(ingestParts, first.size());
    // without the part commits the rerun redoes every part instead of reusing it
    deleteRecursively(Path.of(run.stage("clean").toString(), PartCommit.DIR));
    new CleanStage().run(SparkTests.spark(), run, config);
    List<byte[]> second = SparkTests.parquetParts(Path.of(run.stage("clean").toString()));
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i));
  }

  @Test
  void annotateOnlyKeepsEverythingAndWritesSignalColumns() throws Exception {
    RunDir run = ingest(SparkTests.tempDir("clean-annotate"));
    PipelineConfig config = SparkTests.defaults();
    config.clean.annotateOnly = true;

    StageCounts counts = new CleanStage().run(SparkTests.spark(), run, config);

    assertEquals(7, counts.total.kept);
    Dataset<Row> out = SparkTests.spark().read().parquet(run.stage("clean").toString());
    List<String> columns = Arrays.asList(out.schema().fieldNames());
    for (String s : CleanSteps.signalColumns(config.clean)) assertTrue(columns.contains(s), s);
    Row german = out.filter("url = 'http://b.test/'").first();
    assertEquals("language:de", german.getAs(CleanStage.WOULD_REJECT));
    assertTrue(german.<Double>getAs("gopher_quality_word_count") > 40, "later steps still ran");
    Row good = out.filter("url = 'http://a.test/'").first();
    assertNull(good.getAs(CleanStage.WOULD_REJECT));
    assertEquals(0.0, good.<Double>getAs("code_max_line_length") == null ? 0.0 : 1.0, "code signals are null on web text");
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
