package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * LSH banding through a shuffle: every (band, band key) of every document goes to the bucket of that key. In a bucket
 * larger than {@code pairwiseUpTo} each document is linked to the bucket's smallest id: a star instead of all pairs
 * keeps the edge count linear in the bucket size (a template shared by a million documents gives a million edges,
 * not half a trillion) and connects the same documents, which is all connected components needs. Buckets up to
 * {@code pairwiseUpTo} documents give every pair, so that verification can drop one bad pair without cutting a chain.
 */
final class LshCandidatePairs {
  private LshCandidatePairs() {}

  /** {@code members}: columns id and bands. Returns distinct edges (src, dst) with dst the smaller id. */
  static Dataset<Row> of(Dataset<Row> members, int pairwiseUpTo) {
    Dataset<Row> buckets = members.select(col("id"), posexplode(col("bands")).as(new String[] {"band", "key"}));
    WindowSpec bucket = Window.partitionBy("band", "key");
    Dataset<Row> sized = buckets.withColumn("center", min(col("id")).over(bucket))
        .withColumn("size", count(lit(1)).over(bucket))
        .filter(col("size").gt(1));
    Dataset<Row> stars = sized.filter(col("size").gt(pairwiseUpTo).and(col("id").notEqual(col("center"))))
        .select(col("id").as("src"), col("center").as("dst"));
    if (pairwiseUpTo < 2) return stars.distinct();
    Dataset<Row> small = sized.filter(col("size").leq(pairwiseUpTo)).select(col("band"), col("key"), col("id"));
    Dataset<Row> pairs = small.as("a").join(small.as("b"),
            col("a.band").equalTo(col("b.band")).and(col("a.key").equalTo(col("b.key"))).and(col("a.id").gt(col("b.id"))))
        .select(col("a.id").as("src"), col("b.id").as("dst"));
    return stars.union(pairs).distinct();
  }
}
