package dev.corpusforge.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.QualityConfig;
import dev.corpusforge.io.CanonicalMlModel;
import dev.corpusforge.stage.RunDir;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.Tokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code train-quality}: GPT-3's quality classifier. Positive (label 1) and negative (label 0) documents come from the
 * run's own sources (its clean output) or from JSONL/Parquet files; each class is sampled to
 * {@code quality.train.maxPerClass} by a seeded hash of the id, and a seeded share is held out. A Spark ML Pipeline
 * (Tokenizer → HashingTF → LogisticRegression) is fitted on the rest and saved as a PipelineModel, loadable from Java,
 * Scala or Python, with {@code metrics.json}: held-out AUC, accuracy and class counts. Retraining on the same
 * documents writes the same bytes.
 */
public final class QualityTraining {
  public static final String METRICS = "metrics.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private QualityTraining() {}

  /** Trains, saves and returns the model folder. */
  public static Path run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    QualityConfig.Train t = config.quality.train;
    Dataset<Row> positive = sample(examples(spark, run, t.positive, conf), t);
    Dataset<Row> negative = sample(examples(spark, run, t.negative, conf), t);
    Dataset<Row> all = positive.withColumn("label", lit(1.0)).unionByName(negative.withColumn("label", lit(0.0)))
        .withColumn("held_out", pmod(xxhash64(lit(t.seed + 1), col("id")), lit(10_000L)).lt(lit(Math.round(t.heldOutFraction * 10_000))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One partition in id order: LogisticRegression sums per-partition gradients in the order tasks finish, so with
      // several partitions the model's last bits (and every score) would depend on scheduling. The training set is
      // capped at quality.train.maxPerClass per class, which one task fits.
      Dataset<Row> train = all.filter(col("held_out").equalTo(false)).repartition(1).sortWithinPartitions("id");
      Dataset<Row> heldOut = all.filter(col("held_out"));
      Map<String, Long> trainCounts = classCounts(train);
      if (trainCounts.get("positive") == 0 || trainCounts.get("negative") == 0) {
        throw new IllegalArgumentException("quality.train needs documents of both classes; got " + trainCounts
            + " from positive " + t.positive + " and negative " + t.negative);
      }
      // Fixed uids: Spark names the saved stage folders and orders each stage's saved params by them.
      Pipeline pipeline = new Pipeline("quality").setStages(new PipelineStage[] {
          new Tokenizer("quality_tokenizer").setInputCol("text").setOutputCol("words"),
          new HashingTF("quality_hashingTF").setInputCol("words").setOutputCol("features").setNumFeatures(t.numFeatures),
          new LogisticRegression("quality_logreg").setMaxIter(t.maxIter).setRegParam(t.regParam)});
      PipelineModel model = pipeline.fit(train);
      Path out = t.output.contains("://") || t.output.startsWith("/") ? new Path(t.output) : new Path(run.root(), t.output);
      model.write().overwrite().save(out.toString());
      CanonicalMlModel.canonicalize(out.getFileSystem(conf), out);

      Map<String, Object> metrics = new LinkedHashMap<>();
      Map<String, Long> heldOutCounts = classCounts(heldOut);
      Dataset<Row> predicted = model.transform(heldOut);
      boolean bothClasses = heldOutCounts.get("positive") > 0 && heldOutCounts.get("negative") > 0;
      metrics.put("auc", bothClasses
          ? new BinaryClassificationEvaluator().setMetricName("areaUnderROC").evaluate(predicted) : null);
      long total = heldOutCounts.get("positive") + heldOutCounts.get("negative");
      metrics.put("accuracy", total == 0 ? null : (double) predicted.filter(col("prediction").equalTo(col("label"))).count() / total);
      metrics.put("train", trainCounts);
      metrics.put("heldOut", heldOutCounts);
      metrics.put("positive", t.positive);
      metrics.put("negative", t.negative);
      metrics.put("numFeatures", t.numFeatures);
      Path m = new Path(out, METRICS);
      try (OutputStream o = m.getFileSystem(conf).create(m, true)) {
        JSON.writeValue(o, metrics);
      }
      System.err.printf("[corpusforge] train-quality: %s positive, %s negative; held-out AUC %s, accuracy %s -> %s (%.1f s)%n",
          trainCounts.get("positive"), trainCounts.get("negative"), metrics.get("auc"), metrics.get("accuracy"), out,
          (System.nanoTime() - start) / 1e9);
      return out;
    } finally {
      all.unpersist();
    }
  }

  private static Map<String, Long> classCounts(Dataset<Row> d) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("positive", 0L);
    counts.put("negative", 0L);
    for (Row r : d.groupBy("label").count().collectAsList()) counts.put(r.getDouble(0) == 1.0 ? "positive" : "negative", r.getLong(1));
    return counts;
  }

  /** {@code (id, text)} of the named sources of the run's clean output, and of the given JSONL/Parquet files. */
  static Dataset<Row> examples(SparkSession spark, RunDir run, List<String> entries, Configuration conf) throws IOException {
    Dataset<Row> out = null;
    List<String> sources = new java.util.ArrayList<>();
    for (String e : entries) {
      if (!isPath(e)) {
        sources.add(e);
        continue;
      }
      Dataset<Row> d = e.endsWith(".parquet") || e.endsWith("/") ? spark.read().parquet(e) : spark.read().json(e);
      Dataset<Row> texts = d.select(col("text"))
          .filter(col("text").isNotNull())
          .withColumn("id", sha2(col("text"), 256))
          .select("id", "text");
      out = out == null ? texts : out.unionByName(texts);
    }
    if (!sources.isEmpty()) {
      Dataset<Row> docs = spark.read().parquet(run.documentPaths(CleanStage.NAME, conf).toArray(new String[0]))
          .filter(col("source").isin(sources.toArray())).select("id", "text");
      out = out == null ? docs : out.unionByName(docs);
    }
    if (out == null) throw new IllegalArgumentException("quality.train: an empty positive or negative list");
    return out;
  }

  /** A file or folder rather than a source name: has a path separator or a data-file extension. */
  private static boolean isPath(String entry) {
    return entry.contains("/") || entry.endsWith(".jsonl") || entry.endsWith(".json") || entry.endsWith(".parquet");
  }

  private static Dataset<Row> sample(Dataset<Row> docs, QualityConfig.Train t) {
    if (t.maxPerClass <= 0) return docs;
    return docs.orderBy(xxhash64(lit(t.seed), col("id")), col("id")).limit((int) Math.min(Integer.MAX_VALUE, t.maxPerClass));
  }
}
