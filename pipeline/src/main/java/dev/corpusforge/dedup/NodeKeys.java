package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Near dedup works on 64-bit document keys (XXH64 of the id) instead of the ids themselves: every shuffle of bands,
 * pairs and graph edges then moves 8 bytes a node instead of a 32-character string, and sorts compare longs. The ids
 * come back only for the documents that end in a cluster. Two ids with the same key (n^2 / 2^65 such pairs expected
 * among n documents: 0.4 among 4 billion) act as one node, the same way on every run.
 */
final class NodeKeys {
  /** Distinct keys up to this many are broadcast as a sorted array (8 MB a million) instead of joined by a shuffle. */
  static final long MAX_BROADCAST = 4_000_000;
  private static final long SEED = 0x6E6F64656B657973L;

  private NodeKeys() {}

  static long of(String id) {
    return XxHash64.hashChars(id.toCharArray(), 0, id.length(), SEED);
  }

  /** The key of an id column, in Spark SQL. */
  static Column of(Column id) {
    return udf((UDF1<String, Long>) NodeKeys::of, DataTypes.LongType).apply(id);
  }

  /**
   * The rows whose {@code id} column's key is in {@code keys} (distinct), with a column {@code key}. The filter runs
   * on Spark's binary rows, so the other columns (a text) are decoded only for the rows that pass.
   */
  static Dataset<Row> restrict(Dataset<Row> rows, JavaRDD<Long> keys) {
    return restrict(rows, keys, MAX_BROADCAST);
  }

  /** As above, broadcasting at most {@code maxBroadcast} keys (tests use 0 to take the join). */
  static Dataset<Row> restrict(Dataset<Row> rows, JavaRDD<Long> keys, long maxBroadcast) {
    Dataset<Row> keyed = rows.withColumn("key", of(col("id")));
    Broadcast<long[]> set = broadcastIfSmall(keys, maxBroadcast);
    if (set == null) {
      Dataset<Row> wanted = rows.sparkSession().createDataFrame(keys.map(RowFactory::create),
          new StructType().add("key", DataTypes.LongType, false));
      return keyed.join(wanted, "key");
    }
    UDF1<Long, Boolean> member = k -> Arrays.binarySearch(set.value(), k) >= 0;
    return keyed.filter(udf(member, DataTypes.BooleanType).apply(col("key")));
  }

  /** The keys as a sorted broadcast array, or null when there are more than {@code maxBroadcast}. */
  private static Broadcast<long[]> broadcastIfSmall(JavaRDD<Long> keys, long maxBroadcast) {
    JavaRDD<Long> cached = keys.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      if (cached.count() > maxBroadcast) return null;
      List<Long> list = cached.collect();
      long[] sorted = new long[list.size()];
      for (int i = 0; i < sorted.length; i++) sorted[i] = list.get(i);
      Arrays.sort(sorted);
      return JavaSparkContext.fromSparkContext(keys.context()).broadcast(sorted);
    } finally {
      cached.unpersist(false);
    }
  }
}
