package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.stage.Rejects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A histogram of every numeric quality signal of a filtering stage: over its kept documents when it kept the signals
 * as columns ({@code --annotate-only}) and over its rejects from the signal values in their details. Bins are equal
 * width between the signal's minimum and maximum (one small aggregate), so every signal gets a readable range.
 */
final class SignalHistograms {
  private SignalHistograms() {}

  /** Rows of (stage, signal, population, value) from a stage's kept documents and rejects. */
  static Dataset<Row> values(String stage, Dataset<Row> kept, Dataset<Row> rejects) {
    Dataset<Row> out = null;
    List<String> columns = kept == null ? List.of() : DocumentMeasures.signalColumns(kept.schema());
    if (!columns.isEmpty()) {
      List<Column> pairs = new ArrayList<>();
      for (String c : columns) {
        pairs.add(lit(c));
        pairs.add(col(c).cast(DataTypes.DoubleType));
      }
      out = kept.select(explode(map(pairs.toArray(new Column[0]))).as(new String[] {"signal", "value"}))
          .select(lit(stage).as("stage"), col("signal"), lit("kept").as("population"), col("value"));
    }
    if (rejects != null) {
      // Non-numeric detail values (strings, lists) cast to null and are left out.
      Dataset<Row> r = rejects.select(explode(from_json(col(Rejects.DETAILS),
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), Map.of())).as(new String[] {"signal", "value"}))
          .select(lit(stage).as("stage"), col("signal"), lit("rejected").as("population"),
              col("value").cast(DataTypes.DoubleType).as("value"));
      out = out == null ? r : out.unionByName(r);
    }
    return out == null ? null : out.filter(col("value").isNotNull().and(functions.not(col("value").isNaN()))
        .and(col("value").notEqual(Double.POSITIVE_INFINITY)).and(col("value").notEqual(Double.NEGATIVE_INFINITY)));
  }

  static StatsTable histogram(Dataset<Row> values, int bins) {
    Dataset<Row> range = values.groupBy("stage", "signal").agg(min("value").as("lo"), max("value").as("hi"));
    Column width = col("hi").minus(col("lo")).divide(bins);
    Column bin = when(col("hi").equalTo(col("lo")), lit(0L))
        .otherwise(least(floor(col("value").minus(col("lo")).divide(width)), lit((long) bins - 1)));
    Dataset<Row> t = values.join(broadcast(range), scala.collection.JavaConverters.asScalaBuffer(List.of("stage", "signal")).toSeq())
        .withColumn("bin", bin.cast(DataTypes.IntegerType))
        .withColumn("width", width)
        .groupBy("stage", "signal", "population", "bin", "lo", "width")
        .agg(count(lit(1)).as("documents"))
        .select(col("stage"), col("signal"), col("population"), col("bin"),
            col("lo").plus(col("width").multiply(col("bin"))).as("bin_lo"),
            when(col("width").equalTo(0), col("lo")).otherwise(col("lo").plus(col("width").multiply(col("bin").plus(1)))).as("bin_hi"),
            col("documents"));
    return new StatsTable("signal_histograms", t, "stage", "signal", "population", "bin");
  }
}
