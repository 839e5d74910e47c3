package dev.corpusforge.stats;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One output table: a Spark aggregate small by construction (bounded by stages x sources x bins, or a top-k), its
 * name under {@code DIR/stats/} and the columns that order its rows.
 */
final class StatsTable {
  final String name;
  final Dataset<Row> rows;
  final List<String> orderBy;

  StatsTable(String name, Dataset<Row> rows, String... orderBy) {
    this.name = name;
    this.rows = rows;
    this.orderBy = List.of(orderBy);
  }
}
