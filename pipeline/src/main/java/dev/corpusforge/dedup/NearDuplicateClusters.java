package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.stage.Rejects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
    Dataset<Row> clusters;
    long clustered;
    long clusterCount;
    int rounds;
    Dataset<Row> joinable;
    if (pairCount <= config.driverComponentsMaxPairs) {
      Labels labels = onDriver(pairs, ids, config.maxIterations);
      release(candidates, pairs, sets);
      clusters = spark.createDataFrame(labels.rows(), schema);
      clustered = labels.rows().size();
      clusterCount = labels.clusters();
      rounds = labels.rounds();
      joinable = Broadcasts.ifSmall(clusters, clustered);
    } else {
      ConnectedComponents.Result components = ConnectedComponents.run(pairs, partitions, config.maxIterations);
      String clustersPath = new Path(work, "clusters").toString();
      JavaRDD<Row> labelled = ConnectedComponents.label(components.roots(), ids, partitions).map(p -> RowFactory.create(p._1(), p._2()));
      spark.createDataFrame(labelled, schema).write().mode(SaveMode.Overwrite).parquet(clustersPath);
      components.release();
      release(candidates, pairs, sets);
      clusters = spark.read().parquet(clustersPath);
      Row sizes = clusters.agg(count(lit(1)), countDistinct(col("cluster"))).first();
      clustered = sizes.getLong(0);
      clusterCount = sizes.getLong(1);
      rounds = components.rounds();
      joinable = Broadcasts.ifSmall(clusters);
    }

    Dataset<Row> decided = Representatives.keepOne(rows.join(joinable, rows.col("id").equalTo(clusters.col("id")), "left_outer")
        .drop(clusters.col("id")), col("cluster"), REASON).drop("cluster");
    LOG.info("near: {} documents in {} clusters after {} rounds of connected components, {} s", clustered,
        clusterCount, rounds, seconds(start));
    return new Result(decided, clusters, pairCount, clusterCount, clustered, rounds);
  }

  /** (id, cluster) rows of the clustered documents, the number of clusters, and the rounds components took. */
  private record Labels(List<Row> rows, long clusters, int rounds) {}

  /**
   * Components and labels of a small verified pair list on the driver ({@link ConnectedComponents#runLocal}): the
   * pairs and the ids of their documents come back in two small jobs instead of a dozen shuffles of rounds and
   * labelling joins. The rows are those {@link ConnectedComponents#label} gives: each (key, id) of a clustered
   * node, labelled with the smallest id of its component.
   */
  private static Labels onDriver(JavaPairRDD<Long, Long> pairs, JavaPairRDD<Long, String> ids, int maxRounds) {
    List<Tuple2<Long, Long>> edges = pairs.collect();
    long[] src = new long[edges.size()];
    long[] dst = new long[edges.size()];
    for (int i = 0; i < src.length; i++) {
      src[i] = edges.get(i)._1();
      dst[i] = edges.get(i)._2();
    }
    ConnectedComponents.Local local = ConnectedComponents.runLocal(src, dst, maxRounds);
    Broadcast<long[]> nodes = JavaSparkContext.fromSparkContext(pairs.context()).broadcast(local.nodes());
    List<Tuple2<Long, String>> named = ids.filter(n -> Arrays.binarySearch(nodes.value(), n._1()) >= 0).collect();
    nodes.destroy();
    Map<Long, String> smallest = new HashMap<>();
    for (Tuple2<Long, String> n : named) smallest.merge(local.rootOf(n._1()), n._2(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    List<Row> rows = new ArrayList<>(named.size());
    for (Tuple2<Long, String> n : named) rows.add(RowFactory.create(n._2(), smallest.get(local.rootOf(n._1()))));
    return new Labels(rows, new HashSet<>(smallest.values()).size(), local.rounds());
  }

  private static void release(JavaPairRDD<Long, Long> candidates, JavaPairRDD<Long, Long> pairs, JaccardVerification.Sets sets) {
    candidates.unpersist(false);
    pairs.unpersist(false);
    if (sets != null) sets.release();
  }
}
