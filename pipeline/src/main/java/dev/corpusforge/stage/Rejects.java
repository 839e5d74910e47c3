package dev.corpusforge.stage;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column names of the verdict every stage attaches to a document before the framework splits kept from rejected.
 * A null reason means kept; otherwise the reason names the rule ("gopher_quality:word_count", "dedup:near") and the
 * details hold the signal values that triggered it, as JSON.
 */
public final class Rejects {
  public static final String REASON = "reject_reason";
  public static final String DETAILS = "reject_details";

  private Rejects() {}

  public static Column kept() {
    return lit(null).cast(DataTypes.StringType);
  }
}
