package dev.corpusforge.dedup;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Near dedup works on 64-bit document keys (XXH64 of the id) instead of the ids themselves: every shuffle of bands,
 * pairs and graph edges then moves 8 bytes a node instead of a 32-character string, and sorts compare longs. The ids
 * come back only for the documents that end in a cluster. Two ids with the same key (about one pair among 4 billion
 * documents) act as one node, the same way on every run.
 */
final class NodeKeys {
  /** Distinct keys up to this many are broadcast as a sorted array (8 MB a million) instead of joined by a shuffle. */
  static final long MAX_BROADCAST = 4_000_000;
  private static final long SEED = 0x6E6F64656B657973L;

  private NodeKeys() {}

  static long of(String id) {
    return XxHash64.hashChars(id.toCharArray(), 0, id.length(), SEED);
  }

  /** The rows whose key is in {@code keys} (distinct): a broadcast filter when the set is small, else a join. */
  static <V> JavaPairRDD<Long, V> restrict(JavaPairRDD<Long, V> rows, JavaRDD<Long> keys, int partitions) {
    JavaRDD<Long> cached = keys.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      if (cached.count() > MAX_BROADCAST) {
        return rows.join(cached.mapToPair(k -> new Tuple2<>(k, Boolean.TRUE)), partitions).mapValues(Tuple2::_1);
      }
      List<Long> list = cached.collect();
      long[] sorted = new long[list.size()];
      for (int i = 0; i < sorted.length; i++) sorted[i] = list.get(i);
      Arrays.sort(sorted);
      Broadcast<long[]> set = JavaSparkContext.fromSparkContext(rows.context()).broadcast(sorted);
      return rows.filter(t -> Arrays.binarySearch(set.value(), t._1()) >= 0);
    } finally {
      cached.unpersist(false);
    }
  }
}
