package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.stage.Rejects;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Sizes of duplicate clusters: a cluster is a kept document and every document that dedup dropped as its duplicate.
 * Dedup's reject details name the kept document (or, failing that, the cluster); documents dedup kept that nothing
 * points at are clusters of size 1.
 */
final class DuplicateClusters {
  static final String STAGE = "dedup";
  /** JSON keys under which dedup may name the kept document, then the cluster, in its reject details. */
  private static final List<String> KEPT_KEYS = List.of("kept_id", "keptId", "kept", "representative", "duplicate_of");
  private static final List<String> CLUSTER_KEYS = List.of("cluster_id", "clusterId", "cluster");

  private DuplicateClusters() {}

  /** Rows of (cluster_size, clusters, documents); {@code keptDocuments} is what dedup kept. */
  static StatsTable sizes(SparkSession spark, Dataset<Row> rejects, long keptDocuments) {
    Column details = col(Rejects.DETAILS);
    Column kept = coalesce(KEPT_KEYS.stream().map(k -> get_json_object(details, "$." + k)).toArray(Column[]::new));
    Column cluster = coalesce(CLUSTER_KEYS.stream().map(k -> get_json_object(details, "$." + k)).toArray(Column[]::new));
    Dataset<Row> dropped = rejects.filter(col(Rejects.REASON).startsWith("dedup"))
        .select(coalesce(kept, concat(col(Rejects.REASON), lit("#"), cluster)).as("cluster"))
        .filter(col("cluster").isNotNull());
    Dataset<Row> clusters = dropped.groupBy("cluster").agg(count(lit(1)).plus(1).as("cluster_size"));
    long withDuplicates = clusters.count();
    Dataset<Row> singles = spark.createDataFrame(
        List.of(org.apache.spark.sql.RowFactory.create(1L, Math.max(0, keptDocuments - withDuplicates))),
        new StructType(new StructField[] {
            new StructField("cluster_size", DataTypes.LongType, false, org.apache.spark.sql.types.Metadata.empty()),
            new StructField("clusters", DataTypes.LongType, false, org.apache.spark.sql.types.Metadata.empty())}))
        .filter(col("clusters").gt(0));
    Dataset<Row> t = clusters.groupBy("cluster_size").agg(count(lit(1)).as("clusters")).unionByName(singles)
        .withColumn("documents", col("cluster_size").multiply(col("clusters")));
    return new StatsTable("dup_cluster_sizes", t, "cluster_size");
  }
}
