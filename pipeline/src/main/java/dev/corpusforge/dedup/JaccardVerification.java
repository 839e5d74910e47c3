package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;

import dev.corpusforge.config.DedupConfig;
import java.util.Iterator;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Optional check of LSH candidate pairs: keeps a pair only if the exact Jaccard similarity of the two documents'
 * shingle sets reaches the threshold. Only the documents in some pair are re-shingled (a broadcast filter on their
 * keys), into sorted arrays of distinct shingle hashes partitioned by key; the pairs then meet their two sets by
 * two joins that move only the pairs, and the check is a merge of two sorted arrays.
 */
final class JaccardVerification {
  /** The shingle sets of the documents in pairs, by key, with their ids (for labelling clusters later). */
  record Sets(JavaPairRDD<Long, Tuple2<String, long[]>> byKey) {
    JavaPairRDD<Long, String> ids() {
      return byKey.mapValues(Tuple2::_1);
    }

    void release() {
      byKey.unpersist(false);
    }
  }

  private JaccardVerification() {}

  /** {@code docs}: the documents (columns id, text); {@code nodes}: the distinct keys in the pairs. */
  static Sets sets(Dataset<Row> docs, JavaRDD<Long> nodes, DedupConfig.Near near, int partitions) {
    JavaPairRDD<Long, Tuple2<String, long[]>> sets = NodeKeys.restrict(docs.select(col("id"), col("text")), nodes)
        .select(col("key"), col("id"), col("text")).javaRDD()
        .mapPartitionsToPair(rows -> {
          Shingles shingles = new Shingles(near);
          return new Iterator<Tuple2<Long, Tuple2<String, long[]>>>() {
            @Override public boolean hasNext() {
              return rows.hasNext();
            }

            @Override public Tuple2<Long, Tuple2<String, long[]>> next() {
              Row r = rows.next();
              return new Tuple2<>(r.getLong(0), new Tuple2<>(r.getString(1), shingles.scan(r.getString(2)).distinctSorted()));
            }
          };
        })
        .partitionBy(new org.apache.spark.HashPartitioner(partitions))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    return new Sets(sets);
  }

  /** The edges (src, dst) whose documents' Jaccard similarity is at least {@code threshold}. */
  static JavaPairRDD<Long, Long> filter(JavaPairRDD<Long, Long> edges, Sets sets, double threshold) {
    JavaPairRDD<Long, Tuple2<String, long[]>> byKey = sets.byKey();
    return edges.join(byKey)
        .mapToPair(e -> new Tuple2<>(e._2()._1(), new Tuple2<>(e._1(), e._2()._2()._2())))
        .join(byKey)
        .filter(e -> jaccard(e._2()._1()._2(), e._2()._2()._2()) >= threshold)
        .mapToPair(e -> new Tuple2<>(e._2()._1()._1(), e._1()));
  }

  /** Exact Jaccard similarity of two sorted sets of distinct hashes. */
  static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) return 1.0;
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        shared++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) shared / (a.length + b.length - shared);
  }
}
