package dev.corpusforge.stats;

import static dev.corpusforge.stats.DocumentMeasures.ORDER;
import static dev.corpusforge.stats.DocumentMeasures.REASON;
import static dev.corpusforge.stats.DocumentMeasures.SOURCE;
import static dev.corpusforge.stats.DocumentMeasures.STAGE;

import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.shards.ShardManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What each stage read, kept and rejected, per source: documents, characters, UTF-8 bytes and tokens, counted from
 * its Parquet output; the shard stage, which keeps no documents, from its counts and manifest.
 */
final class Funnel {
  // Nullable as Spark typed the aggregates these tables were first computed with, so their Parquet files are unchanged.
  static final StructType FUNNEL = new StructType().add(STAGE, DataTypes.StringType, false)
      .add(ORDER, DataTypes.IntegerType, false).add(SOURCE, DataTypes.StringType, false)
      .add("documents_in", DataTypes.LongType, false).add("documents_out", DataTypes.LongType)
      .add("rejected", DataTypes.LongType).add("chars_in", DataTypes.LongType).add("chars_out", DataTypes.LongType)
      .add("bytes_in", DataTypes.LongType).add("bytes_out", DataTypes.LongType).add("tokens_out", DataTypes.LongType);
  static final StructType REJECTS = new StructType().add(STAGE, DataTypes.StringType, false)
      .add(ORDER, DataTypes.IntegerType, false).add(SOURCE, DataTypes.StringType, false).add(REASON, DataTypes.StringType)
      .add("documents", DataTypes.LongType, false).add("chars", DataTypes.LongType);

  private Funnel() {}

  static StatsTable funnel(MeasureCells cells, ShardMixture mixture, int shardOrder) {
    Map<List<Object>, long[]> totals = new LinkedHashMap<>();
    Map<List<Object>, Long> tokensOut = new LinkedHashMap<>();
    for (MeasureCells.Cell c : cells.of(MeasureCells.Key.REASON)) {
      List<Object> key = List.of(c.stage(), c.order(), c.source());
      long[] t = totals.computeIfAbsent(key, k -> new long[7]);
      boolean kept = c.key() == null;
      t[0] += c.documents();
      t[1] += kept ? c.documents() : 0;
      t[2] += kept ? 0 : c.documents();
      t[3] += c.chars();
      t[4] += kept ? c.chars() : 0;
      t[5] += c.bytes();
      t[6] += kept ? c.bytes() : 0;
      // Null where a stage has no token counts (before tokenize): unknown, not zero.
      if (kept) tokensOut.put(key, c.tokens());
    }
    List<Row> rows = new ArrayList<>();
    totals.forEach((k, t) -> rows.add(RowFactory.create(k.get(0), k.get(1), k.get(2), t[0], t[1], t[2], t[3], t[4], t[5],
        t[6], tokensOut.get(k))));
    if (mixture != null) {
      // The shard stage keeps no documents to recount: its counts and its manifest's tokens per source.
      mixture.counts.groups.forEach((source, g) -> {
        ShardManifest.SourceTotals st = mixture.manifest.sources.get(source);
        rows.add(RowFactory.create(ShardStage.NAME, shardOrder, source, g.read, g.kept, g.rejected, null, null, null, null,
            st == null ? null : st.tokens));
      });
    }
    return new StatsTable("funnel", FUNNEL, rows, ORDER, SOURCE);
  }

  static StatsTable rejectsByReason(MeasureCells cells, ShardMixture mixture, int shardOrder) {
    List<Row> rows = new ArrayList<>();
    for (MeasureCells.Cell c : cells.of(MeasureCells.Key.REASON)) {
      if (c.key() != null) rows.add(RowFactory.create(c.stage(), c.order(), c.source(), c.key(), c.documents(), c.chars()));
    }
    if (mixture != null) {
      mixture.counts.groups.forEach((source, g) -> g.rejectedByReason.forEach((reason, n) ->
          rows.add(RowFactory.create(ShardStage.NAME, shardOrder, source, reason, n, null))));
    }
    return new StatsTable("rejects_by_reason", REJECTS, rows, ORDER, SOURCE, REASON);
  }

  /** Rows of (stage, source, reason, documents, chars): each stage's recount for {@link CountsReconciliation}. */
  static List<Row> recount(MeasureCells cells) {
    List<Row> rows = new ArrayList<>();
    for (MeasureCells.Cell c : cells.of(MeasureCells.Key.REASON)) {
      rows.add(RowFactory.create(c.stage(), c.source(), c.key(), c.documents(), c.chars()));
    }
    return rows;
  }
}
