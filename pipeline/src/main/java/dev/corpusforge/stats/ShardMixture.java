package dev.corpusforge.stats;

import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The final token mixture: the shard stage's manifest (tokens per shard and split, totals per source) and its counts
 * (documents in and written per source). The manifest is the shard stage's contract with the trainer, so its figures
 * are the ones that get trained on. Absent until the shard stage has completed.
 */
final class ShardMixture {
  final ShardManifest manifest;
  final StageCounts counts;

  private ShardMixture(ShardManifest manifest, StageCounts counts) {
    this.manifest = manifest;
    this.counts = counts;
  }

  static ShardMixture read(RunDir run, Configuration conf) throws IOException {
    Path file = new Path(new Path(run.root(), ShardStage.OUTPUT), ShardManifest.FILE_NAME);
    FileSystem fs = file.getFileSystem(conf);
    if (!run.isComplete(ShardStage.NAME, conf) || !fs.exists(file)) return null;
    try (InputStream in = fs.open(file)) {
      return new ShardMixture(ShardManifest.read(in), StageCounts.read(run.counts(ShardStage.NAME), conf));
    }
  }

  static final StructType SHARDS = new StructType().add("split", DataTypes.StringType).add("path", DataTypes.StringType)
      .add("documents", DataTypes.LongType).add("tokens", DataTypes.LongType);
  static final StructType MIXTURE = new StructType().add("source", DataTypes.StringType)
      .add("weight", DataTypes.DoubleType).add("documents_in", DataTypes.LongType).add("tokens_in", DataTypes.LongType)
      .add("documents", DataTypes.LongType).add("distinct_documents", DataTypes.LongType)
      .add("tokens", DataTypes.LongType).add("train_tokens", DataTypes.LongType).add("val_tokens", DataTypes.LongType)
      .add("share", DataTypes.DoubleType);

  /** Rows of (split, path, documents, tokens) for every shard; empty without a manifest. */
  static StatsTable shardTokens(SparkSession spark, ShardMixture mix) {
    List<Row> rows = new ArrayList<>();
    if (mix != null) {
      for (ShardManifest.Shard s : mix.manifest.shards) rows.add(RowFactory.create(s.split, s.path, s.documents, s.tokens));
    }
    return new StatsTable("shard_tokens", spark.createDataFrame(rows, SHARDS), "split", "path");
  }

  /** Per source: the weight, what came in, what was written (repeats counted) and its share of all written tokens. */
  static StatsTable tokenMixture(SparkSession spark, ShardMixture mix) {
    List<Row> rows = new ArrayList<>();
    if (mix != null) {
      long total = mix.manifest.sources.values().stream().mapToLong(t -> t.tokens).sum();
      for (Map.Entry<String, ShardManifest.SourceTotals> e : mix.manifest.sources.entrySet()) {
        ShardManifest.SourceTotals t = e.getValue();
        rows.add(RowFactory.create(e.getKey(), t.weight, t.documentsIn, t.tokensIn, t.documents, t.distinctDocuments,
            t.tokens, t.trainTokens, t.valTokens, total == 0 ? null : t.tokens / (double) total));
      }
    }
    return new StatsTable("token_mixture", spark.createDataFrame(rows, MIXTURE), "source");
  }

  long tokens() {
    return manifest.shards.stream().mapToLong(s -> s.tokens).sum();
  }
}
