package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.util.Iterator;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * LSH banding through one sorted shuffle: every (band key, document key) goes to the bucket of its band key, sorted
 * by document key, and each partition is scanned bucket by bucket. In a bucket larger than {@code pairwiseUpTo} each
 * document is linked to the bucket's smallest key: a star instead of all pairs keeps the edge count linear in the
 * bucket size (a template shared by a million documents gives a million edges, not half a trillion) and connects the
 * same documents, which is all connected components needs. Buckets up to {@code pairwiseUpTo} documents give every pair, so that verification can drop one
 * bad pair without cutting a chain. Band keys are XXH64 with the band number as seed, so keys of different bands do
 * not meet (up to 2^-64).
 */
final class LshCandidatePairs {
  private LshCandidatePairs() {}

  /** {@code members}: columns id and bands. Returns distinct edges (src, dst) of document keys with src > dst. */
  static JavaPairRDD<Long, Long> of(Dataset<Row> members, int pairwiseUpTo, int partitions) {
    // Spark SQL shuffles and sorts the band rows as binary rows of two longs (no per-row objects or serializer).
    JavaRDD<Row> sorted = members.select(explode(col("bands")).as("band"), NodeKeys.of(col("id")).as("doc"))
        .repartition(partitions, col("band"))
        .sortWithinPartitions("band", "doc")
        .javaRDD();
    return sorted.mapPartitions(rows -> (Iterator<Tuple2<Long, Long>>) new Buckets(new Iterator<Tuple2<Long, Long>>() {
          @Override public boolean hasNext() {
            return rows.hasNext();
          }

          @Override public Tuple2<Long, Long> next() {
            Row r = rows.next();
            return new Tuple2<>(r.getLong(0), r.getLong(1));
          }
        }, pairwiseUpTo))
        .mapToPair(e -> e)
        .distinct(partitions);
  }

  private static final class Buckets extends SortedPairs.RunScan {
    private final int pairwiseUpTo;
    private final long[] members;
    private int size;

    Buckets(Iterator<Tuple2<Long, Long>> sorted, int pairwiseUpTo) {
      super(sorted);
      this.pairwiseUpTo = pairwiseUpTo;
      members = new long[pairwiseUpTo + 1];
    }

    @Override void start(long band, long doc) {
      members[0] = doc;
      size = 1;
    }

    @Override void next(long band, long doc) {
      size++;
      if (size <= pairwiseUpTo) {
        members[size - 1] = doc;
        return;
      }
      if (size == pairwiseUpTo + 1) {
        for (int i = 1; i < pairwiseUpTo; i++) emit(members[i], members[0]);
      }
      emit(doc, members[0]);
    }

    @Override void end() {
      if (size < 2 || size > pairwiseUpTo) return;
      for (int j = 1; j < size; j++) {
        for (int i = 0; i < j; i++) emit(members[j], members[i]);
      }
    }
  }
}
