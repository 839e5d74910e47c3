package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ParquetIngestTest {

  @Test
  void configurableFieldsMetadataAndRejectsPerFile() throws Exception {
    SparkSession spark = SparkTests.spark();
    Path dir = SparkTests.tempDir("parquet");
    Path in = Files.createDirectory(dir.resolve("in"));
    spark.sql("select * from values ('a1', 'first body', 'http://a/1', 'One', 'en', 0.5, array('x','y')),"
            + " ('a2', null, 'http://a/2', 'Two', 'de', 0.7, array('z'))"
            + " as t(doc_id, body, link, heading, lang, score, tags)")
        .coalesce(1).write().parquet(in.resolve("with-ids").toString());
    spark.sql("select * from values ('no id here') as t(body)").coalesce(1).write().parquet(in.resolve("without-ids").toString());
    spark.sql("select 'x' as body, 'y' as doc_id where false").coalesce(1).write().parquet(in.resolve("no-rows").toString());
    Files.writeString(in.resolve("broken.parquet"), "this is not parquet");

    IngestInput input = new IngestInput();
    input.source = "parquet";
    input.name = "notes";
    input.paths.add(in.toString());
    input.textField = "body";
    input.idField = "doc_id";
    input.urlField = "link";
    input.titleField = "heading";
    RunDir run = new RunDir(dir.resolve("run").toString());
    IngestStage.run(spark, run, input, SparkTests.defaults());
    StageCounts counts = StageCounts.read(run.counts("ingest"), spark.sparkContext().hadoopConfiguration());

    ReaderTests t = new ReaderTests(run, counts, "notes");
    assertEquals(1, t.group("broken.parquet").read);
    assertEquals(Map.of("corrupt", 1L), t.reasons("broken.parquet"));
    String withIds = counts.groups.keySet().stream().filter(k -> k.contains("with-ids")).findFirst().orElseThrow();
    assertEquals(Map.of("missing-text", 1L), t.reasons(withIds));
    assertEquals(1, t.group(withIds).kept);
    assertEquals(2, counts.total.kept, "the row with text in each readable file");
    long emptyFiles = counts.groups.values().stream().mapToLong(g -> g.rejectedByReason.getOrDefault("empty-file", 0L)).sum();
    assertEquals(1, emptyFiles);

    Row first = t.docs().filter("text = 'first body'").first();
    assertEquals(Documents.stableId("notes", "a1"), first.getAs("id"));
    assertEquals("http://a/1", first.getAs("url"));
    assertEquals("One", first.getAs("title"));
    assertEquals("notes", first.getAs("source"));
    assertEquals("a1", ReaderTests.metadata(first, "source_id"));
    assertEquals("en", ReaderTests.metadata(first, "lang"));
    assertEquals("0.5", ReaderTests.metadata(first, "score"));
    assertEquals("[\"x\",\"y\"]", ReaderTests.metadata(first, "tags"));
    assertNull(ReaderTests.metadata(first, "body"));

    Row anonymous = t.docs().filter("text = 'no id here'").first();
    Row prov = anonymous.getAs("provenance");
    String fileName = new org.apache.hadoop.fs.Path(prov.<String>getAs("file")).getName();
    assertEquals(Documents.stableId("notes", fileName + ":0"), anonymous.getAs("id"));
    assertEquals(0L, prov.<Long>getAs("offset"));
    assertEquals(List.of(Documents.SCHEMA.fieldNames()), List.of(t.docs().schema().fieldNames()));
  }

  @Test
  void aDamagedRowGroupOfASparkWrittenFileIsOneRejectAndTheRowGroupsAfterItAreKept() throws Exception {
    SparkSession spark = SparkTests.spark();
    Path dir = SparkTests.tempDir("parquet-damaged");
    Path out = dir.resolve("in");
    // Spark's defaults (snappy, dictionary pages, page CRCs), in row groups of about 4 KB so that there are several.
    spark.range(2000).selectExpr("concat('document number ', id, ' with some words') as text").coalesce(1).write()
        .option("parquet.block.size", 4096).option("parquet.page.size", 1024).parquet(out.toString());
    Path file;
    try (var files = Files.list(out)) {
      file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    List<BlockMetaData> groups;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toString()), spark.sparkContext().hadoopConfiguration()))) {
      groups = r.getFooter().getBlocks();
    }
    assertTrue(groups.size() > 2, "row groups: " + groups.size());
    int damaged = groups.size() / 2;
    BlockMetaData middle = groups.get(damaged);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(middle.getStartingPos());
      f.write(new byte[64]);
    }
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    long first = groups.stream().limit(damaged).mapToLong(BlockMetaData::getRowCount).sum();
    long end = first + middle.getRowCount();

    IngestInput input = new IngestInput();
    input.source = "parquet";
    input.paths.add(out.toString());
    RunDir run = new RunDir(dir.resolve("run").toString());
    StageCounts counts = IngestStage.run(spark, run, input, SparkTests.defaults());

    ReaderTests t = new ReaderTests(run, counts, "parquet");
    String group = counts.groups.keySet().stream().filter(k -> k.endsWith(".parquet")).findFirst().orElseThrow();
    assertEquals(1, counts.groups.size(), "the rows and the reject are one file's group: " + counts.groups.keySet());
    assertEquals(Map.of("corrupt", 1L), t.reasons(group));
    assertEquals(Map.of("bytes_skipped", middle.getCompressedSize(), "recovered_after_damage", 2000 - end),
        t.group(group).counters);
    List<String> expected = new java.util.ArrayList<>();
    for (long i = 0; i < 2000; i++) if (i < first || i >= end) expected.add("document number " + i + " with some words");
    assertEquals(expected, t.docs().orderBy("provenance.offset").collectAsList().stream()
        .map(r -> r.<String>getAs("text")).toList());
    Row reject = t.rejects().first();
    assertEquals("#corrupt@" + first, reject.<Row>getAs("provenance").getAs("entry"));
    assertTrue(reject.<String>getAs("reject_details").startsWith("{\"row_group\":" + damaged + ",\"first_row\":"
        + first + ",\"rows\":" + middle.getRowCount()), reject.<String>getAs("reject_details"));
  }
}
