package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;

import dev.corpusforge.stage.Rejects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The first few rejected documents by id for each stage and reason, with the start of their text and their details:
 * examples to read beside the counts. Spark limits each window group before the shuffle, so this stays cheap.
 */
final class RejectSamples {
  private RejectSamples() {}

  static Dataset<Row> of(Dataset<Row> rejects, String stage, int order, int chars) {
    boolean title = DocumentMeasures.has(rejects.schema(), "title");
    boolean url = DocumentMeasures.has(rejects.schema(), "url");
    return rejects.select(lit(stage).as("stage"), lit(order).as("stage_order"), col(Rejects.REASON).as("reason"),
        col("id"), coalesce(col("source"), lit("(none)")).as("source"),
        title ? col("title") : lit(null).cast(DataTypes.StringType).as("title"),
        url ? col("url") : lit(null).cast(DataTypes.StringType).as("url"),
        substring(col("text"), 1, chars).as("text"), substring(col(Rejects.DETAILS), 1, 2000).as("details"))
        .toDF("stage", "stage_order", "reason", "id", "source", "title", "url", "text", "details");
  }

  static StatsTable table(Dataset<Row> samples, int perReason) {
    Dataset<Row> t = samples.withColumn("rank", row_number().over(Window.partitionBy("stage", "reason").orderBy("id")))
        .filter(col("rank").leq(perReason))
        .select("stage", "stage_order", "reason", "rank", "id", "source", "title", "url", "text", "details");
    return new StatsTable("reject_samples", t, "stage_order", "reason", "rank");
  }
}
