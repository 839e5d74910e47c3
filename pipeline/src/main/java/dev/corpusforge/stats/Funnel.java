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

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What each stage read, kept and rejected, per source, counted from its Parquet output. */
final class Funnel {
  private Funnel() {}

  static StatsTable funnel(Dataset<Row> measures) {
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
    return new StatsTable("funnel", t, ORDER, SOURCE);
  }

  static StatsTable rejectsByReason(Dataset<Row> measures) {
    Dataset<Row> t = measures.filter(col(REASON).isNotNull()).groupBy(STAGE, ORDER, SOURCE, REASON)
        .agg(count(lit(1)).as("documents"), sum(CHARS).as("chars"));
    return new StatsTable("rejects_by_reason", t, ORDER, SOURCE, REASON);
  }
}
