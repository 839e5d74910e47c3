package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quality stage's scores ({@code metadata.quality_score}) per source in 20 bins of 0.05, with how many documents
 * of each bin it kept and rejected: the score distribution and the kept share by source.
 */
final class QualityScoreHistogram {
  static final String STAGE = "quality";
  static final String TABLE = "quality_scores";
  static final FixedBins BINS = FixedBins.linear(0, 1, 20);

  private QualityScoreHistogram() {}

  static StatsTable of(SparkSession spark, Dataset<Row> kept, Dataset<Row> rejects) {
    Dataset<Row> scored = null;
    for (Dataset<Row> d : Arrays.asList(kept, rejects)) {
      if (d == null) continue;
      int isKept = d == kept ? 1 : 0;
      Dataset<Row> s = d.select(col("source"), col("metadata").getItem("quality_score").cast(DataTypes.DoubleType).as("score"),
          lit(isKept).as("k"), lit(1 - isKept).as("r"));
      scored = scored == null ? s : scored.unionByName(s);
    }
    if (scored == null) {
      scored = spark.createDataFrame(List.of(), new StructType().add("source", DataTypes.StringType)
          .add("score", DataTypes.DoubleType).add("k", DataTypes.IntegerType).add("r", DataTypes.IntegerType));
    }
    Column lo = array(Arrays.stream(BINS.edges).mapToObj(e -> lit(e)).toArray(Column[]::new));
    Column hi = array(java.util.stream.IntStream.range(0, BINS.edges.length)
        .mapToObj(i -> lit(BINS.hi(i) == null ? 1.0 : BINS.hi(i))).toArray(Column[]::new));
    Dataset<Row> t = scored.filter(col("score").isNotNull()).withColumn("bin", BINS.index(col("score")))
        .groupBy("source", "bin").agg(sum("k").cast(DataTypes.LongType).as("kept"), sum("r").cast(DataTypes.LongType).as("rejected"))
        .select(col("source"), col("bin"), element_at(lo, col("bin").plus(1)).as("bin_lo"),
            element_at(hi, col("bin").plus(1)).as("bin_hi"), col("kept"), col("rejected"));
    return new StatsTable(TABLE, t, "source", "bin");
  }
}
