package dev.corpusforge.stats;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One output table, small by construction (bounded by stages x sources x bins, or a top-k): its name under
 * {@code DIR/stats/}, the columns that order its rows, and either its rows or the Spark aggregate that gives them.
 */
final class StatsTable {
  final String name;
  final StructType schema;
  /** The rows when laid out on the driver, else null. */
  final List<Row> rows;
  /** The aggregate when computed by its own query, else null. */
  final Dataset<Row> query;
  final List<String> orderBy;

  StatsTable(String name, Dataset<Row> query, String... orderBy) {
    this.name = name;
    this.schema = query.schema();
    this.rows = null;
    this.query = query;
    this.orderBy = List.of(orderBy);
  }

  StatsTable(String name, StructType schema, List<Row> rows, String... orderBy) {
    this.name = name;
    this.schema = schema;
    this.rows = rows;
    this.query = null;
    this.orderBy = List.of(orderBy);
  }
}
