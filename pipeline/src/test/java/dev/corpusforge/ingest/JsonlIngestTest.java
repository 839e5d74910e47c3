package dev.corpusforge.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.stage.PartCommit;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class JsonlIngestTest {

  private static IngestInput jsonl(Path... files) {
    IngestInput in = new IngestInput();
    in.source = "jsonl";
    for (Path f : files) in.paths.add(f.toString());
    return in;
  }

  @Test
  void everyLineIsKeptOrRejectedWithAReason() throws Exception {
    Path dir = SparkTests.tempDir("jsonl");
    Path input = dir.resolve("in.jsonl");
    byte[] bad = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    Files.write(input, ("{\"id\":\"a\",\"text\":\"hello world\",\"lang\":\"en\"}\n"
        + "{\"id\":\"b\"}\n" + "[1,2]\n" + "\n").getBytes(StandardCharsets.UTF_8));
    Files.write(input, bad, java.nio.file.StandardOpenOption.APPEND);
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    RunDir run = new RunDir(dir.resolve("run").toString());

    StageCounts counts = IngestStage.run(SparkTests.spark(), run, jsonl(input, empty), SparkTests.defaults());

    StageCounts.Group g = counts.groups.get("jsonl:file:" + input);
    assertEquals(5, g.read);
    assertEquals(2, g.kept, "the line with invalid UTF-8 is kept, the bad bytes as U+FFFD");
    assertEquals(1L, g.rejectedByReason.get("missing-text"));
    assertEquals(1L, g.rejectedByReason.get("invalid-json"));
    assertEquals(1L, g.rejectedByReason.get("empty"));
    assertEquals(1L, counts.counters.get("jsonl:invalid_code_points"));
    assertEquals(1L, counts.groups.get("jsonl:file:" + empty).rejectedByReason.get("empty-file"));
    Row doc = SparkTests.spark().read().parquet(run.stage("ingest") + "/jsonl").filter("text = 'hello world'").first();
    assertEquals("hello world", doc.getAs("text"));
    assertEquals("a", doc.<scala.collection.Map<String, String>>getAs("metadata").get("source_id").get());
    assertEquals("en", doc.<scala.collection.Map<String, String>>getAs("metadata").get("lang").get());
    assertEquals(4, SparkTests.spark().read().parquet(run.rejects("ingest") + "/jsonl").count());
  }

  @Test
  void rerunGivesByteIdenticalFilesAndSecondSourceAccumulates() throws Exception {
    Path dir = SparkTests.tempDir("jsonl-rerun");
    Path input = dir.resolve("docs.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) sb.append("{\"id\":\"d").append(i).append("\",\"text\":\"document number ").append(i).append("\"}\n");
    Files.writeString(input, sb);
    RunDir run = new RunDir(dir.resolve("run").toString());
    PipelineConfig config = SparkTests.defaults();
    config.spark.outputFiles = 3;

    IngestStage.run(SparkTests.spark(), run, jsonl(input), config);
    List<byte[]> first = SparkTests.parquetParts(Path.of(run.stage("ingest").toString()).resolve("jsonl"));
    // without its part commit the rerun redoes the file instead of reusing its part
    Path commit = Path.of(run.stage("ingest").toString(), "jsonl", PartCommit.DIR, "part-00000.json");
    Files.delete(commit);
    IngestStage.run(SparkTests.spark(), run, jsonl(input), config);
    List<byte[]> second = SparkTests.parquetParts(Path.of(run.stage("ingest").toString()).resolve("jsonl"));
    assertTrue(Files.exists(commit));
    assertEquals(1, first.size(), "one part per input file, whatever spark.outputFiles says");
    for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i));

    IngestInput other = jsonl(input);
    other.name = "notes";
    StageCounts counts = IngestStage.run(SparkTests.spark(), run, other, config);
    assertEquals(400, counts.total.read);
    assertTrue(counts.groups.containsKey("jsonl:file:" + input) && counts.groups.containsKey("notes:file:" + input));
    List<String> paths = run.documentPaths("ingest", SparkTests.spark().sparkContext().hadoopConfiguration());
    assertEquals(2, paths.size());
    assertTrue(paths.get(0).endsWith("/ingest/jsonl") && paths.get(1).endsWith("/ingest/notes"), paths.toString());
  }
}
