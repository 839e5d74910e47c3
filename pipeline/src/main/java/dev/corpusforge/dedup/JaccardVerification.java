package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Optional check of LSH candidate pairs: keeps a pair only if the exact Jaccard similarity of the two documents'
 * shingle sets reaches the threshold. Only documents that occur in a pair are re-read and re-shingled; pairs are
 * joined to both sides' shingle sets by shuffles, never collected.
 */
final class JaccardVerification {
  private static final StructType SETS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("shingles", DataTypes.createArrayType(DataTypes.LongType, false), false);

  private JaccardVerification() {}

  static Dataset<Row> filter(Dataset<Row> edges, Dataset<Row> docs, int ngram, double threshold) {
    Dataset<Row> nodes = edges.select(col("src").as("id")).union(edges.select(col("dst").as("id"))).distinct();
    Dataset<Row> texts = docs.select(col("id"), col("text")).join(Broadcasts.ifSmall(nodes), "id");
    MapPartitionsFunction<Row, Row> shingle = rows -> {
      Shingles shingles = new Shingles(ngram);
      return new java.util.Iterator<Row>() {
        @Override public boolean hasNext() {
          return rows.hasNext();
        }

        @Override public Row next() {
          Row r = rows.next();
          return RowFactory.create(r.getString(0), shingles.scan(r.getString(1)).distinctSorted());
        }
      };
    };
    Dataset<Row> sets = texts.mapPartitions(shingle, Encoders.row(SETS));
    Dataset<Row> both = edges
        .join(sets.select(col("id").as("src"), col("shingles").as("a")), "src")
        .join(sets.select(col("id").as("dst"), col("shingles").as("b")), "dst");
    StructType out = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType);
    MapPartitionsFunction<Row, Row> check = rows -> new FilteringIterator(rows, threshold);
    return both.select(col("src"), col("dst"), col("a"), col("b")).mapPartitions(check, Encoders.row(out));
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

  private static final class FilteringIterator implements java.util.Iterator<Row> {
    private final java.util.Iterator<Row> rows;
    private final double threshold;
    private Row next;

    FilteringIterator(java.util.Iterator<Row> rows, double threshold) {
      this.rows = rows;
      this.threshold = threshold;
    }

    @Override public boolean hasNext() {
      while (next == null && rows.hasNext()) {
        Row r = rows.next();
        if (jaccard(longs(r.getList(2)), longs(r.getList(3))) >= threshold) next = RowFactory.create(r.getString(0), r.getString(1));
      }
      return next != null;
    }

    @Override public Row next() {
      if (!hasNext()) throw new java.util.NoSuchElementException();
      Row r = next;
      next = null;
      return r;
    }

    private static long[] longs(List<Long> values) {
      long[] out = new long[values.size()];
      for (int i = 0; i < out.length; i++) out[i] = values.get(i);
      return out;
    }
  }
}
