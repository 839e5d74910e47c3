package dev.corpusforge.dedup;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * LSH banding through one sorted shuffle: every (band key, document key) goes to the bucket of its band key, sorted
 * by document key. In a bucket larger than {@code pairwiseUpTo} each document is linked to the bucket's smallest key:
 * a star instead of all pairs keeps the edge count linear in the bucket size (a template shared by a million
 * documents gives a million edges, not half a trillion) and connects the same documents, which is all connected
 * components needs. Buckets up to {@code pairwiseUpTo} documents give every pair, so that verification can drop one
 * bad pair without cutting a chain. Band keys are XXH64 with the band number as seed, so keys of different bands do
 * not meet (up to 2^-64).
 */
final class LshCandidatePairs {
  private LshCandidatePairs() {}

  /** {@code members}: (document key, band keys). Returns distinct edges (src, dst) with src > dst. */
  static JavaPairRDD<Long, Long> of(JavaRDD<Tuple2<Long, long[]>> members, int pairwiseUpTo, int partitions) {
    JavaPairRDD<Long, Long> rows = members.flatMapToPair(m -> {
      long[] bands = m._2();
      List<Tuple2<Long, Long>> out = new ArrayList<>(bands.length);
      for (long band : bands) out.add(new Tuple2<>(band, m._1()));
      return out.iterator();
    });
    return SortedPairs.sort(rows, partitions)
        .mapPartitions(sorted -> (Iterator<Tuple2<Long, Long>>) new Buckets(sorted, pairwiseUpTo))
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
