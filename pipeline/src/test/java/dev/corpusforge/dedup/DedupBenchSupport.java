package dev.corpusforge.dedup;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.stage.Rejects;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The package's shingling, similarity and connected components, opened to the benchmarks in dev.corpusforge.bench. */
public final class DedupBenchSupport {
  private DedupBenchSupport() {}

  /** A shingler for one thread or partition. */
  public static final class ShingleSets {
    private final Shingles shingles;

    public ShingleSets(int ngram) {
      this(ngram, "characters");
    }

    /** With Chinese and Japanese shingled by {@code cjkShingles}: "characters" or "words" (dedup.near.cjkShingles). */
    public ShingleSets(int ngram, String cjkShingles) {
      shingles = new Shingles(ngram, cjkShingles);
    }

    /** The distinct shingle hashes of {@code text}, sorted. */
    public long[] of(String text) {
      return shingles.scan(text).distinctSorted();
    }
  }

  public static double jaccard(long[] a, long[] b) {
    return JaccardVerification.jaccard(a, b);
  }

  /**
   * Our near-duplicate clustering alone, as the stage runs it (hash pass, LSH, optional verification, connected
   * components), without exact/URL/line dedup and without writing documents: (id, cluster) of clustered documents.
   */
  public static Dataset<Row> nearClusters(SparkSession spark, Dataset<Row> docs, DedupConfig config, String work)
      throws IOException {
    Path keysPath = new Path(work, "keys");
    DedupKeys.of(docs, config).write().mode("overwrite").parquet(keysPath.toString());
    Dataset<Row> rows = spark.read().parquet(keysPath.toString())
        .withColumn(Rejects.REASON, Rejects.kept()).withColumn(Rejects.DETAILS, Rejects.kept());
    return NearDuplicateClusters.apply(spark, rows, docs, config.near, new Path(work, "near")).members();
  }

  /**
   * The pairs the LSH buckets of {@link #nearClusters} give to verification (every pair of a bucket up to
   * dedup.near.pairwiseBucketSize documents, a star beyond), read from the keys table it left in {@code work}.
   */
  public static long candidatePairs(SparkSession spark, String work, DedupConfig config) {
    Dataset<Row> members = spark.read().parquet(new Path(work, "keys").toString())
        .filter(org.apache.spark.sql.functions.size(org.apache.spark.sql.functions.col("bands")).gt(0)).select("id", "bands");
    return LshCandidatePairs.of(members, config.near.verify ? config.near.pairwiseBucketSize : 1,
        SortedPairs.partitions(members.javaRDD())).count();
  }

  /** (id, cluster) for every node of the edges (src, dst), by the stage's connected components. */
  public static Dataset<Row> components(SparkSession spark, Dataset<Row> edges) {
    return ConnectedComponents.ofIds(spark, edges, 100).members();
  }
}
