package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.broadcast;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Joining the corpus with a set of ids (the documents in candidate pairs, the documents a verdict changes) shuffles
 * the whole corpus unless the id side is broadcast; Spark's adaptive execution decides only after both sides were
 * shuffled. So the set is counted first and broadcast when it is small enough to sit in every executor.
 */
final class Broadcasts {
  /** About 100 MB of ids and verdicts on each executor at most. */
  static final long MAX_ROWS = 1_000_000;

  private Broadcasts() {}

  static Dataset<Row> ifSmall(Dataset<Row> rows) {
    return ifSmall(rows, rows.count());
  }

  /** As above for a set whose size is known already: no counting job. */
  static Dataset<Row> ifSmall(Dataset<Row> rows, long count) {
    return count <= MAX_ROWS ? broadcast(rows) : rows;
  }
}
