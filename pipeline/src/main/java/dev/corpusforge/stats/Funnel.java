package dev.corpusforge.stats;

import static dev.corpusforge.stats.DocumentMeasures.BYTES;
import static dev.corpusforge.stats.DocumentMeasures.CHARS;
import static dev.corpusforge.stats.DocumentMeasures.ORDER;
import static dev.corpusforge.stats.DocumentMeasures.REASON;
import static dev.corpusforge.stats.DocumentMeasures.SOURCE;
import static dev.corpusforge.stats.DocumentMeasures.STAGE;
import static dev.corpusforge.stats.DocumentMeasures.TOKENS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.shards.ShardManifest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What each stage read, kept and rejected, per source: documents, characters, UTF-8 bytes and tokens, counted from
 * its Parquet output; the shard stage, which keeps no documents, from its counts and manifest.
 */
final class Funnel {
  private Funnel() {}

  static StatsTable funnel(Dataset<Row> measures, ShardMixture mixture, int shardOrder) {
    Column kept = col(REASON).isNull();
    Dataset<Row> t = measures.groupBy(STAGE, ORDER, SOURCE).agg(
        count(lit(1)).as("documents_in"),
        sum(when(kept, 1L).otherwise(0L)).as("documents_out"),
        sum(when(kept, 0L).otherwise(1L)).as("rejected"),
        sum(CHARS).as("chars_in"),
        sum(when(kept, col(CHARS)).otherwise(0L)).as("chars_out"),
        sum(BYTES).as("bytes_in"),
        sum(when(kept, col(BYTES)).otherwise(0L)).as("bytes_out"),
        // Null where a stage has no token counts (before tokenize): unknown, not zero.
        sum(when(kept, col(TOKENS))).as("tokens_out"));
    if (mixture != null) {
      // The shard stage keeps no documents to recount: its counts and its manifest's tokens per source.
      List<Row> rows = new ArrayList<>();
      mixture.counts.groups.forEach((source, g) -> {
        ShardManifest.SourceTotals totals = mixture.manifest.sources.get(source);
        rows.add(RowFactory.create(ShardStage.NAME, shardOrder, source, g.read, g.kept, g.rejected, null, null, null, null,
            totals == null ? null : totals.tokens));
      });
      t = t.unionByName(measures.sparkSession().createDataFrame(rows, t.schema()));
    }
    return new StatsTable("funnel", t, ORDER, SOURCE);
  }

  static StatsTable rejectsByReason(Dataset<Row> measures, ShardMixture mixture, int shardOrder) {
    Dataset<Row> t = measures.filter(col(REASON).isNotNull()).groupBy(STAGE, ORDER, SOURCE, REASON)
        .agg(count(lit(1)).as("documents"), sum(CHARS).as("chars"));
    if (mixture != null) {
      List<Row> rows = new ArrayList<>();
      mixture.counts.groups.forEach((source, g) -> g.rejectedByReason.forEach((reason, n) ->
          rows.add(RowFactory.create(ShardStage.NAME, shardOrder, source, reason, n, null))));
      t = t.unionByName(measures.sparkSession().createDataFrame(rows, t.schema()));
    }
    return new StatsTable("rejects_by_reason", t, ORDER, SOURCE, REASON);
  }
}
