package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * URL dedup for the configured sources (web by default): documents with the same normalized URL (see {@link UrlKeys})
 * keep one copy, the longest text, ties by smallest id; the cluster id is the normalized URL.
 */
final class UrlDuplicates {
  static final String REASON = "dedup:url";

  private UrlDuplicates() {}

  static Dataset<Row> apply(Dataset<Row> keys) {
    return Representatives.keepOne(keys, col("url"), REASON);
  }
}
