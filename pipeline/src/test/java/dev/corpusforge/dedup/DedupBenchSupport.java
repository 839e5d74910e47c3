package dev.corpusforge.dedup;

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
      shingles = new Shingles(ngram);
    }

    /** The distinct shingle hashes of {@code text}, sorted. */
    public long[] of(String text) {
      return shingles.scan(text).distinctSorted();
    }
  }

  public static double jaccard(long[] a, long[] b) {
    return JaccardVerification.jaccard(a, b);
  }

  /** (id, cluster) for every node of the edges (src, dst), by the stage's connected components. */
  public static Dataset<Row> components(SparkSession spark, Dataset<Row> edges, String work) throws IOException {
    return ConnectedComponents.run(spark, edges, new Path(work), 100).members();
  }
}
