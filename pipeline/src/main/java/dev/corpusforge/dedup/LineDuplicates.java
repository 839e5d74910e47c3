package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.stage.Rejects;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * CCNet-style line dedup: a line whose normalized hash occurs in more than {@code maxOccurrences} kept documents is
 * boilerplate and is removed from all of them. The counting is a shuffle by line hash (a window count per hash), and
 * the hashes to remove go back to their documents by a shuffle by id: no table of lines is ever built on the driver
 * or in one task's memory beyond the lines of one hash group, which the window spills.
 */
final class LineDuplicates {
  static final String REASON = "dedup:lines";

  private LineDuplicates() {}

  /** Per kept document with something to remove: (id, removed_lines = the line hashes to drop). */
  static Dataset<Row> removals(Dataset<Row> rows, DedupConfig.Lines config) {
    Dataset<Row> lines = rows.filter(col(Rejects.REASON).isNull()).select(col("id"), explode(col("lines")).as("h"));
    return lines.withColumn("docs", count(lit(1)).over(Window.partitionBy("h")))
        .filter(col("docs").gt(config.maxOccurrences))
        .groupBy("id").agg(collect_list(col("h")).as("removed_lines"));
  }

  /** What is left of a text once the lines with the given hashes are gone, and how many went. */
  record Stripped(String text, long removed) {}

  /** {@code removed} must be sorted. Line breaks of the kept lines are preserved. */
  static Stripped strip(String text, long[] removed, LineHashes hasher) {
    StringBuilder out = new StringBuilder(text.length());
    long count = 0;
    int start = 0;
    boolean first = true;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      long h = hasher.hash(text, start, end);
      if (h != LineHashes.NONE && Arrays.binarySearch(removed, h) >= 0) {
        count++;
      } else {
        if (!first) out.append('\n');
        out.append(text, start, end);
        first = false;
      }
      start = end + 1;
    }
    return new Stripped(out.toString(), count);
  }
}
