package dev.corpusforge.decontaminate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

import dev.corpusforge.config.DecontaminateConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The n-grams of the evaluation sets: per distinct n-gram hash, its length in words and the first (set, item) it came
 * from. An item is the text of its {@code decontaminate.fields} joined by a space; its set is the file name without
 * extension; its id the {@code idField}, or a hash of its text when the file has no such field.
 */
final class EvalNgrams {
  static final StructType SCHEMA = new StructType()
      .add("hash", DataTypes.LongType, false)
      .add("length", DataTypes.IntegerType, false)
      .add("eval_set", DataTypes.StringType, false)
      .add("item", DataTypes.StringType, false);

  private EvalNgrams() {}

  static Dataset<Row> read(SparkSession spark, DecontaminateConfig c) {
    Dataset<Row> items = null;
    for (String file : c.evalSets) {
      Dataset<Row> d = file.endsWith(".parquet") ? spark.read().parquet(file) : spark.read().json(file);
      List<String> columns = Arrays.asList(d.columns());
      for (String f : c.fields) {
        if (!columns.contains(f)) {
          throw new IllegalArgumentException("eval set " + file + " has no field '" + f + "' (decontaminate.fields "
              + c.fields + "); its fields: " + columns);
        }
      }
      Column text = concat_ws(" ", c.fields.stream().map(f -> col(f).cast("string")).toArray(Column[]::new));
      Column id = columns.contains(c.idField) ? col(c.idField).cast("string") : substring(sha2(text, 256), 1, 16);
      Dataset<Row> one = d.select(text.as("text"), lit(setName(file)).as("eval_set"), id.as("item"));
      items = items == null ? one : items.unionByName(one);
    }
    int n = c.n;
    FlatMapFunction<Row, Row> ngrams = r -> {
      List<Row> out = new ArrayList<>();
      if (r.isNullAt(0)) return out.iterator();
      NormalizedWords w = new NormalizedWords().of(r.getString(0));
      // An item shorter than n counts as one n-gram of its whole text.
      int len = Math.min(n, w.size);
      for (int i = 0; len > 0 && i + len <= w.size; i++) out.add(RowFactory.create(w.window(i, len), len, r.getString(1), r.getString(2)));
      return out.iterator();
    };
    return items.flatMap(ngrams, Encoders.row(SCHEMA))
        .groupBy("hash")
        .agg(min(struct(col("eval_set"), col("item"), col("length"))).as("first"))
        .select(col("hash"), col("first.length").as("length"), col("first.eval_set").as("eval_set"), col("first.item").as("item"));
  }

  static String setName(String file) {
    String name = new Path(file).getName();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
