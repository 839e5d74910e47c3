package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exact dedup across all sources: documents whose normalized text (see {@link Shingles#exactKey()}) is the same keep
 * one copy by {@link Representatives}' rule; the cluster id is the 128-bit text hash.
 */
final class ExactDuplicates {
  static final String REASON = "dedup:exact";

  private ExactDuplicates() {}

  static Dataset<Row> apply(Dataset<Row> keys) {
    return Representatives.keepOne(keys, col("exact"), REASON);
  }
}
