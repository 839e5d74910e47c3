package dev.corpusforge.quality;

import static org.apache.spark.sql.functions.col;

import dev.corpusforge.config.QualityConfig;
import dev.corpusforge.fasttext.FastTextModel;
import dev.corpusforge.fasttext.FastTextModels;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Adds {@link #SCORE}, the probability that a document is high quality, by either scorer: a Spark ML PipelineModel
 * whose classifier's class 1 is "high quality" (as {@code train-quality} writes it), or a fastText model's
 * probability of {@code quality.label}.
 */
public final class QualityScores {
  public static final String SCORE = "quality_score";

  private QualityScores() {}

  public static Dataset<Row> add(Dataset<Row> docs, String model, String label) {
    return FastTextModels.isFastText(model) ? fastText(docs, model, label) : sparkMl(docs, model);
  }

  private static Dataset<Row> sparkMl(Dataset<Row> docs, String path) {
    PipelineModel model = PipelineModel.load(path);
    Column[] keep = Arrays.stream(docs.columns()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> scored = model.transform(docs);
    Column positive = org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").getItem(1);
    return scored.select(concat(keep, positive.as(SCORE)));
  }

  private static Dataset<Row> fastText(Dataset<Row> docs, String setting, String label) {
    FastTextModel model = FastTextModels.get(setting);
    int positive = model.labelIndex(label);
    if (positive < 0) {
      throw new IllegalArgumentException("quality.label " + label + " is not a label of " + setting + "; its labels: "
          + String.join(", ", model.labels()));
    }
    StructType schema = docs.schema().add(SCORE, DataTypes.DoubleType, false);
    int text = docs.schema().fieldIndex("text");
    int width = docs.schema().size();
    MapPartitionsFunction<Row, Row> f = rows -> {
      FastTextModel.Predictor predictor = FastTextModels.get(setting).predictor();
      return new Iterator<>() {
        @Override public boolean hasNext() { return rows.hasNext(); }

        @Override public Row next() {
          Row r = rows.next();
          Object[] values = new Object[width + 1];
          for (int i = 0; i < width; i++) values[i] = r.get(i);
          values[width] = (double) predictor.predict(r.isNullAt(text) ? "" : r.getString(text))[positive];
          return RowFactory.create(values);
        }
      };
    };
    return docs.mapPartitions(f, Encoders.row(schema));
  }

  private static Column[] concat(Column[] a, Column b) {
    Column[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  /** A model setting is {@code fasttext:PATH}, {@code train}, or a PipelineModel folder. */
  static void validate(QualityConfig q) {
    if (!q.keep.equals(QualityConfig.KEEP_PARETO) && !q.keep.equals(QualityConfig.KEEP_THRESHOLD)) {
      throw new IllegalArgumentException("quality.keep: '" + q.keep + "'; use pareto or threshold");
    }
    if (q.paretoAlpha <= 0) throw new IllegalArgumentException("quality.paretoAlpha must be > 0, got " + q.paretoAlpha);
  }
}
