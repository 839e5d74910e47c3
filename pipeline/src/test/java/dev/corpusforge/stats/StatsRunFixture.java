package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha1;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * A small run directory with every stage the stats read: ingest (the real JSONL reader), then clean-, dedup- and
 * tokenize-like outputs written through StageWriter with simple rules, and a shard manifest.
 * <ul>
 *   <li>ingest: 11 lines, 2 rejected (invalid-json, missing-text);</li>
 *   <li>clean: documents under 3 words rejected as gopher:word_count with {"word_count": n}; language "en" at 0.9;</li>
 *   <li>dedup: documents with the same text form a cluster; the smallest id is kept, the rest rejected dedup:exact;</li>
 *   <li>tokenize: one token per word;</li>
 *   <li>shard: a manifest with a train and a val shard, and counts with one document left out by the mixture.</li>
 * </ul>
 */
final class StatsRunFixture {
  static final String LONG = "word ".repeat(300).trim();
  static final String FOX = "the quick brown fox jumps over the lazy dog";

  private StatsRunFixture() {}

  private static ShardManifest.Shard shard(String split, String path, long documents, long tokens) {
    ShardManifest.Shard s = new ShardManifest.Shard();
    s.split = split;
    s.path = path;
    s.documents = documents;
    s.tokens = tokens;
    return s;
  }

  static RunDir build(String name) throws Exception {
    SparkSession spark = SparkTests.spark();
    Path dir = SparkTests.tempDir(name);
    Path input = dir.resolve("docs.jsonl");
    Files.write(input, List.of(
        "{\"id\":\"a\",\"text\":\"" + FOX + "\",\"url\":\"https://www.example.com/a\"}",
        "{\"id\":\"b\",\"text\":\"" + FOX + "\",\"url\":\"https://example.com/b\"}",
        "{\"id\":\"c\",\"text\":\"" + FOX + "\",\"url\":\"https://other.org/c\"}",
        "{\"id\":\"d\",\"text\":\"hi there\",\"url\":\"https://example.com/d\"}",
        "{\"id\":\"e\",\"text\":\"one two\"}",
        "{\"id\":\"f\",\"text\":\"" + LONG + "\",\"url\":\"https://other.org/f\"}",
        "{\"id\":\"g\",\"text\":\"def main(): return 42 # in python\",\"code_language\":\"python\"}",
        "{\"id\":\"h\",\"text\":\"another distinct document with several words in it\",\"url\":\"https://example.com/h\"}",
        "{\"id\":\"i\",\"text\":\"yet another distinct document with words\",\"url\":\"https://example.com/i\"}",
        "not json",
        "{\"id\":\"k\"}"));
    RunDir run = new RunDir(dir.resolve("run").toString());
    IngestInput in = new IngestInput();
    in.source = "jsonl";
    in.paths.add(input.toString());
    IngestStage.run(spark, run, in, SparkTests.defaults());
    Configuration conf = spark.sparkContext().hadoopConfiguration();

    Dataset<Row> ingested = spark.read().parquet(run.documentPaths("ingest", conf).toArray(new String[0]));
    Dataset<Row> words = ingested.withColumn("words", size(split(col("text"), " ")));
    Dataset<Row> clean = words.withColumn("language", lit("en")).withColumn("languageScore", lit(0.9))
        .withColumn(Rejects.REASON, when(col("words").lt(3), lit("gopher:word_count")).otherwise(Rejects.kept()))
        .withColumn(Rejects.DETAILS, when(col("words").lt(3), to_json(struct(col("words").as("word_count")))))
        .drop("words");
    StageWriter.write(clean, StageWriter.Target.of(run, "clean", 2));

    Dataset<Row> cleaned = spark.read().parquet(run.documentPaths("clean", conf).toArray(new String[0]));
    Dataset<Row> dedup = cleaned.withColumn("kept_id", min("id").over(Window.partitionBy("text")))
        .withColumn(Rejects.REASON, when(col("id").equalTo(col("kept_id")), Rejects.kept()).otherwise(lit("dedup:exact")))
        .withColumn(Rejects.DETAILS, when(col("id").equalTo(col("kept_id")), lit(null).cast(DataTypes.StringType))
            .otherwise(to_json(struct(sha1(col("text")).as("cluster_id"), col("kept_id")))))
        .drop("kept_id");
    StageWriter.write(dedup, StageWriter.Target.of(run, "dedup", 2));

    Dataset<Row> deduped = spark.read().parquet(run.documentPaths("dedup", conf).toArray(new String[0]));
    Dataset<Row> tokenized = deduped.withColumn("tokens", expr("transform(split(text, ' '), w -> length(w))"))
        .withColumn(Rejects.REASON, Rejects.kept()).withColumn(Rejects.DETAILS, Rejects.kept());
    StageWriter.write(tokenized, StageWriter.Target.of(run, "tokenize", 2));

    // The shard stage's outputs: a manifest with two shards and its counts (one document left out by the mixture).
    Row jsonl = spark.read().parquet(run.documentPaths("tokenize", conf).toArray(new String[0]))
        .groupBy("source").agg(expr("count(*)"), expr("sum(size(tokens))")).first();
    long docs = jsonl.getLong(1);
    long tokens = jsonl.getLong(2);
    ShardManifest manifest = new ShardManifest();
    manifest.tokenizer.name = "words";
    manifest.shards.add(shard("train", "train/shard-00000.bin", docs - 2, tokens - 9));
    manifest.shards.add(shard("val", "val/shard-00000.bin", 1, 9));
    ShardManifest.SourceTotals totals = new ShardManifest.SourceTotals();
    totals.documentsIn = docs;
    totals.tokensIn = tokens;
    totals.documents = docs - 1;
    totals.distinctDocuments = docs - 1;
    totals.tokens = tokens;
    manifest.sources.put("jsonl", totals);
    Path shards = Path.of(run.root()).resolve(ShardStage.OUTPUT);
    Files.createDirectories(shards);
    manifest.write(shards.resolve(ShardManifest.FILE_NAME));
    StageCounts counts = new StageCounts();
    counts.stage = ShardStage.NAME;
    counts.groupBy = "source";
    counts.add("jsonl", null, docs - 1, 0);
    counts.add("jsonl", "shard:downsampled", 1, 0);
    counts.write(run.counts(ShardStage.NAME), conf);
    StageWriter.writeMarker(run.complete(ShardStage.NAME), conf);
    return run;
  }

}
