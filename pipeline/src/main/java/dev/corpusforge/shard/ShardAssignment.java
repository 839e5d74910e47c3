package dev.corpusforge.shard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.corpusforge.shards.ShardManifest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Decides, from per-document metadata only (id, source, token count), which document copy goes to which split, in
 * which order, and into which shard — never moving token arrays. Everything derives from hashes of (seed, id), so the
 * plan is the same whatever the partitioning:
 * <ol>
 *   <li>copies per document from the source's mixture ratio ({@link MixtureWeights});</li>
 *   <li>split: validation when hash(seed, "split", id) falls below {@code valFraction}, so every copy of a document
 *       is in the same split and the split does not change when weights do;</li>
 *   <li>order: ascending hash(seed, "order", id, copy), ties by id and copy — a global shuffle;</li>
 *   <li>shard: the running token total before the copy, divided by the shard size. The running total is a
 *       distributed prefix sum: each sorted partition's total is collected (one number per partition), then each
 *       partition adds its offset.</li>
 * </ol>
 */
public final class ShardAssignment {
  public static final String COPY = "copy";
  public static final String SPLIT = "split";
  public static final String KEY = "order_key";
  public static final String LENGTH = "length";
  public static final String SHARD = "shard";
  private static final double UNIT = 1L << 53;

  private ShardAssignment() {}

  /** A uniform number in [0, 1) from a hash of the seed, a salt and the columns. */
  static Column uniform(long seed, String salt, Column... cols) {
    Column[] all = new Column[cols.length + 2];
    all[0] = lit(seed);
    all[1] = lit(salt);
    System.arraycopy(cols, 0, all, 2, cols.length);
    return pmod(xxhash64(all), lit((long) UNIT)).cast(DataTypes.DoubleType).divide(lit(UNIT));
  }

  /**
   * The validation threshold: {@code valFraction}, raised when needed so that at least the document with the lowest
   * split hash is in validation (a small run would otherwise get no validation shard). One aggregate over the ids.
   */
  public static double valThreshold(Dataset<Row> meta, long seed, double valFraction) {
    if (valFraction <= 0) return 0;
    Row r = meta.agg(org.apache.spark.sql.functions.min(uniform(seed, "split", col("id"))), org.apache.spark.sql.functions.count(lit(1))).first();
    if (r.isNullAt(0) || r.getLong(1) < 2) return valFraction;
    return Math.max(valFraction, Math.nextUp(r.getDouble(0)));
  }

  /**
   * Metadata (id, source, length with end-of-text) → one row per written copy with split and order key.
   * {@code ratios}: source → sampling ratio.
   */
  public static Dataset<Row> copies(Dataset<Row> meta, Map<String, Double> ratios, long seed, double valFraction) {
    Column ratio = lit(0.0);
    for (var e : ratios.entrySet()) ratio = when(col("source").equalTo(e.getKey()), lit(e.getValue())).otherwise(ratio);
    Column whole = floor(ratio).cast(DataTypes.IntegerType);
    Column extra = when(uniform(seed, "repeat", col("id")).lt(ratio.minus(floor(ratio))), lit(1)).otherwise(lit(0));
    return meta.withColumn("n_copies", whole.plus(extra))
        .filter(col("n_copies").gt(0))
        .withColumn(COPY, explode(sequence(lit(0), col("n_copies").minus(1))))
        .drop("n_copies")
        .withColumn(SPLIT, when(uniform(seed, "split", col("id")).lt(valFraction), lit(ShardManifest.VAL))
            .otherwise(lit(ShardManifest.TRAIN)))
        .withColumn(KEY, xxhash64(lit(seed), lit("order"), col("id"), col(COPY)));
  }

  /** Adds the shard number of every copy within its split: the running token total before it / shardTokens. */
  public static Dataset<Row> shards(SparkSession spark, Dataset<Row> copies, long shardTokens) {
    Dataset<Row> sorted = copies.select(col(SPLIT), col(KEY), col("id"), col(COPY), col("source"), col(LENGTH))
        .orderBy(col(SPLIT), col(KEY), col("id"), col(COPY));
    JavaRDD<Row> rows = sorted.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One (partition, split, tokens) triple per partition and split: tiny whatever the corpus.
      List<long[]> sums = new ArrayList<>(rows.mapPartitionsWithIndex((p, it) -> {
        long train = 0;
        long val = 0;
        while (it.hasNext()) {
          Row r = it.next();
          if (ShardManifest.VAL.equals(r.getString(0))) val += r.getInt(5); else train += r.getInt(5);
        }
        return List.of(new long[] {p, train, val}).iterator();
      }, true).collect());
      sums.sort((a, b) -> Long.compare(a[0], b[0]));
      long[] trainBefore = new long[sums.size()];
      long[] valBefore = new long[sums.size()];
      long t = 0;
      long v = 0;
      for (int i = 0; i < sums.size(); i++) {
        trainBefore[i] = t;
        valBefore[i] = v;
        t += sums.get(i)[1];
        v += sums.get(i)[2];
      }
      JavaRDD<Row> assigned = rows.mapPartitionsWithIndex((p, it) -> {
        long[] running = {trainBefore[p], valBefore[p]};
        return new Iterator<Row>() {
          @Override public boolean hasNext() { return it.hasNext(); }

          @Override public Row next() {
            Row r = it.next();
            int s = ShardManifest.VAL.equals(r.getString(0)) ? 1 : 0;
            long shard = running[s] / shardTokens;
            running[s] += r.getInt(5);
            return RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), (int) shard);
          }
        };
      }, true);
      StructType schema = sorted.schema().add(SHARD, DataTypes.IntegerType, false);
      // Materialised so the cached sort is not needed after this returns.
      Dataset<Row> out = spark.createDataFrame(assigned, schema).persist(StorageLevel.MEMORY_AND_DISK());
      out.count();
      return out;
    } finally {
      rows.unpersist(false);
    }
  }
}
