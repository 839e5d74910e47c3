package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.stage.Rejects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The keep rule shared by every document-level method: in each group of duplicates the document with the longest
 * text is kept, ties going to the smallest id; the others are rejected with {@code {"cluster": group, "kept": id}}.
 * Deterministic (a total order on rows), and one window per group (a sort-based shuffle that spills) rather than a
 * collected group, so a group of millions of copies costs time, not memory.
 */
final class Representatives {
  private Representatives() {}

  /** Applies the rule to rows not yet rejected whose {@code group} is not null; other rows pass unchanged. */
  static Dataset<Row> keepOne(Dataset<Row> rows, Column group, String reason) {
    Column eligible = col(Rejects.REASON).isNull().and(group.isNotNull());
    WindowSpec w = Window.partitionBy("_group").orderBy(col("length").desc(), col("id").asc());
    Dataset<Row> decided = rows.filter(eligible).withColumn("_group", group.cast(DataTypes.StringType))
        .withColumn("_rank", row_number().over(w))
        .withColumn("_kept", first(col("id")).over(w))
        .withColumn(Rejects.REASON, when(col("_rank").gt(1), lit(reason)))
        .withColumn(Rejects.DETAILS, when(col("_rank").gt(1),
            to_json(struct(col("_group").as("cluster"), col("_kept").as("kept")))))
        .drop("_group", "_rank", "_kept");
    return rows.filter(not(eligible)).unionByName(decided);
  }
}
