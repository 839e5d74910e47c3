package dev.corpusforge.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.stage.Rejects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * NUL characters (U+0000) are removed from the text and title of every kept document at ingest, whatever the reader,
 * and counted: C strings, terminals and many tokenizers stop at them, and no text needs one. Done once here rather
 * than in each reader, so the rule is the same for every source kind.
 */
final class NulCharacters {
  /** Counter in ingest/_counts.json, per source ("web:nul_removed"): NUL characters removed. */
  static final String COUNTER = "nul_removed";

  private NulCharacters() {}

  /** {@code records} with NULs removed from kept documents and a {@link #COUNTER} column of how many. */
  static Dataset<Row> remove(Dataset<Row> records) {
    Column kept = col(Rejects.REASON).isNull();
    return records
        .withColumn(COUNTER, when(kept, removed("text").plus(removed("title"))).otherwise(lit(0L)).cast("long"))
        .withColumn("text", when(kept, stripped("text")).otherwise(col("text")))
        .withColumn("title", when(kept, stripped("title")).otherwise(col("title")));
  }

  private static Column stripped(String column) {
    return translate(col(column), "\u0000", "");
  }

  private static Column removed(String column) {
    Column c = col(column);
    return when(c.isNull(), lit(0L)).otherwise(length(c).minus(length(stripped(column))));
  }
}
