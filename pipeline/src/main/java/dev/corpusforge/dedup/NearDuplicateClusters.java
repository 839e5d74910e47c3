package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.stage.Rejects;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * MinHash-LSH near-duplicate dedup on 64-bit document keys ({@link NodeKeys}): candidate pairs from shared LSH
 * buckets (optionally verified by exact Jaccard), clusters by distributed connected components, one document kept
 * per cluster by {@link Representatives}' rule (longest text, then smallest id); the cluster id is the smallest
 * document id in the cluster. The hot path is RDDs of longs and primitive arrays, with as many shuffle partitions
 * as the keys table has input splits (so they follow the data size).
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
   * {@code work}: a scratch folder for the clusters.
   */
  static Result apply(SparkSession spark, Dataset<Row> rows, Dataset<Row> docs, DedupConfig.Near config, Path work) {
    long start = System.nanoTime();
    Dataset<Row> members = rows.filter(col(Rejects.REASON).isNull().and(size(col("bands")).gt(0)))
        .select(col("id"), col("bands"));
    int partitions = SortedPairs.partitions(members.javaRDD());
    JavaPairRDD<Long, Long> candidates = LshCandidatePairs.of(members, config.verify ? config.pairwiseBucketSize : 1, partitions)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    JavaRDD<Long> nodes = candidates.flatMap(e -> List.of(e._1(), e._2()).iterator()).distinct(partitions);
    JavaPairRDD<Long, Long> pairs = candidates;
    JavaPairRDD<Long, String> ids;
    JaccardVerification.Sets sets = null;
    if (config.verify) {
      sets = JaccardVerification.sets(docs, nodes, config, partitions);
      pairs = JaccardVerification.filter(candidates, sets, config.threshold).persist(StorageLevel.MEMORY_AND_DISK_SER());
      ids = sets.ids();
    } else {
      ids = NodeKeys.restrict(members.select(col("id")), nodes).select(col("key"), col("id")).javaRDD()
          .mapToPair(r -> new Tuple2<>(r.getLong(0), r.getString(1)));
    }
    long pairCount = pairs.count();
    LOG.info("near: {} candidate pairs{} in {} s", pairCount, config.verify ? " (verified)" : "", seconds(start));

    StructType schema = new StructType().add("id", DataTypes.StringType).add("cluster", DataTypes.StringType);
    if (pairCount == 0) {
      release(candidates, pairs, sets);
      return new Result(rows, spark.createDataFrame(List.of(), schema), 0, 0, 0, 0);
    }
    ConnectedComponents.Result components = ConnectedComponents.run(pairs, partitions, config.maxIterations);
    String clustersPath = new Path(work, "clusters").toString();
    JavaRDD<Row> labelled = ConnectedComponents.label(components.roots(), ids, partitions).map(p -> RowFactory.create(p._1(), p._2()));
    spark.createDataFrame(labelled, schema).write().mode(SaveMode.Overwrite).parquet(clustersPath);
    components.release();
    release(candidates, pairs, sets);
    Dataset<Row> clusters = spark.read().parquet(clustersPath);
    Row sizes = clusters.agg(count(lit(1)), countDistinct(col("cluster"))).first();

    Dataset<Row> decided = Representatives.keepOne(rows.join(Broadcasts.ifSmall(clusters), rows.col("id").equalTo(clusters.col("id")), "left_outer")
        .drop(clusters.col("id")), col("cluster"), REASON).drop("cluster");
    LOG.info("near: {} documents in {} clusters after {} rounds of connected components, {} s", sizes.getLong(0),
        sizes.getLong(1), components.rounds(), seconds(start));
    return new Result(decided, clusters, pairCount, sizes.getLong(1), sizes.getLong(0), components.rounds());
  }

  private static void release(JavaPairRDD<Long, Long> candidates, JavaPairRDD<Long, Long> pairs, JaccardVerification.Sets sets) {
    candidates.unpersist(false);
    pairs.unpersist(false);
    if (sets != null) sets.release();
  }
}
