package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.stage.Rejects;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MinHash-LSH near-duplicate dedup: candidate pairs from shared LSH buckets (optionally verified by exact Jaccard),
 * clusters by distributed connected components, one document kept per cluster by {@link Representatives}' rule
 * (longest text, then smallest id); the cluster id is the smallest document id in the cluster.
 */
final class NearDuplicateClusters {
  static final String REASON = "dedup:near";

  /** The rows with near-duplicates rejected, and what it took. */
  record Result(Dataset<Row> rows, Dataset<Row> members, long pairs, long clusters, long clustered, int rounds) {}

  private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateClusters.class);

  private NearDuplicateClusters() {}

  private static String seconds(long start) {
    return String.format("%.1f", (System.nanoTime() - start) / 1e9);
  }

  /**
   * {@code rows}: the keys table with verdicts so far; {@code docs}: the documents (read only when verifying);
   * {@code work}: a scratch folder for the materialized pairs and connected-components rounds.
   */
  static Result apply(SparkSession spark, Dataset<Row> rows, Dataset<Row> docs, DedupConfig.Near config, Path work)
      throws IOException {
    long start = System.nanoTime();
    Dataset<Row> members = rows.filter(col(Rejects.REASON).isNull().and(size(col("bands")).gt(0)))
        .select(col("id"), col("bands"));
    String candidatesPath = new Path(work, "candidates").toString();
    LshCandidatePairs.of(members, config.verify ? config.pairwiseBucketSize : 1)
        .write().mode(SaveMode.Overwrite).parquet(candidatesPath);
    Dataset<Row> pairs = spark.read().parquet(candidatesPath);
    if (config.verify) {
      String pairsPath = new Path(work, "pairs").toString();
      JaccardVerification.filter(pairs, docs, config.ngram, config.threshold).write().mode(SaveMode.Overwrite).parquet(pairsPath);
      pairs = spark.read().parquet(pairsPath);
    }
    long pairCount = pairs.count();

    LOG.info("near: {} candidate pairs{} in {} s", pairCount, config.verify ? " (verified)" : "", seconds(start));
    if (pairCount == 0) return new Result(rows, pairs.select(col("src").as("id"), col("dst").as("cluster")), 0, 0, 0, 0);
    ConnectedComponents.Result components = ConnectedComponents.run(spark, pairs, new Path(work, "components"),
        config.maxIterations);
    String clustersPath = new Path(work, "clusters").toString();
    components.members().write().mode(SaveMode.Overwrite).parquet(clustersPath);
    Dataset<Row> clusters = spark.read().parquet(clustersPath);
    Row sizes = clusters.agg(count(lit(1)), countDistinct(col("cluster"))).first();

    Dataset<Row> decided = Representatives.keepOne(rows.join(clusters, rows.col("id").equalTo(clusters.col("id")), "left_outer")
        .drop(clusters.col("id")), col("cluster"), REASON).drop("cluster");
    LOG.info("near: {} documents in {} clusters after {} rounds of connected components, {} s", sizes.getLong(0),
        sizes.getLong(1), components.rounds(), seconds(start));
    return new Result(decided, clusters, pairCount, sizes.getLong(1), sizes.getLong(0), components.rounds());
  }
}
