package dev.corpusforge.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.dedup.DedupBenchSupport;
import dev.corpusforge.dedup.DedupBenchSupport.ShingleSets;
import dev.corpusforge.dedup.DedupStage;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the dedup benchmarks share: writing a generated corpus as a clean stage, running our near-dedup (the dedup
 * stage with only near-duplicates on) and Spark MLlib's MinHashLSH on it, and scoring clusters against ground truth.
 * A document is a true duplicate when some other document's shingle set has Jaccard similarity at or above the
 * threshold; it is detected when it ends in a cluster of two or more. Pairs: a true pair is one at or above the
 * threshold, a predicted pair two documents in the same cluster.
 */
final class NearDuplicateEvaluation {
  private NearDuplicateEvaluation() {}

  /**
   * A method's outcome: clusters (id to cluster id, clustered documents only), wall time, heap high-water, and the
   * candidate pairs its LSH produced (-1 when not counted; counted after the timed part).
   */
  record Outcome(String method, Map<String, String> clusters, double seconds, long peakHeap, long candidates) {}

  /** Precision, recall and F1 of one method. */
  record Score(long tp, long fp, long fn) {
    double precision() { return tp + fp == 0 ? 1 : (double) tp / (tp + fp); }
    double recall() { return tp + fn == 0 ? 1 : (double) tp / (tp + fn); }
    double f1() { return 2 * precision() * recall() / Math.max(1e-12, precision() + recall()); }

    @Override public String toString() {
      return String.format("P %.4f R %.4f F1 %.4f (tp %d, fp %d, fn %d)", precision(), recall(), f1(), tp, fp, fn);
    }
  }

  static void writeClean(SparkSession spark, RunDir run, List<NearDuplicateCorpus.Doc> docs, int partitions) throws Exception {
    List<Document> out = new ArrayList<>(docs.size());
    for (NearDuplicateCorpus.Doc d : docs) out.add(new Document(d.id(), "web", null, null, d.text(), new Provenance("bench", 0, null)));
    spark.createDataset(out, Documents.ENCODER).repartition(partitions).write().mode("overwrite").parquet(run.stage("clean").toString());
    StageWriter.writeMarker(new Path(run.complete("clean").toString()), spark.sparkContext().hadoopConfiguration());
  }

  /** Our stage with only near-dedup on; clusters read back from the rejects' cluster and kept ids. */
  static Outcome ours(SparkSession spark, RunDir run, PipelineConfig config, String label) throws Exception {
    config.dedup.exact.enabled = false;
    config.dedup.url.enabled = false;
    config.dedup.lines.enabled = false;
    long start = System.nanoTime();
    long peak;
    try (HeapSampler heap = new HeapSampler()) {
      new DedupStage().run(spark, run, config);
      peak = heap.peakBytes();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ObjectMapper json = new ObjectMapper();
    Map<String, String> clusters = new HashMap<>();
    for (Row r : spark.read().parquet(run.rejects("dedup").toString()).select("id", Rejects.DETAILS).collectAsList()) {
      var details = json.readTree(r.getString(1));
      clusters.put(r.getString(0), details.get("cluster").asText());
      clusters.put(details.get("kept").asText(), details.get("cluster").asText());
    }
    return new Outcome(label, clusters, seconds, peak, -1);
  }

  /**
   * Our near-duplicate clustering alone (no document output), from the same Parquet input as MLlib reads; with
   * {@code countCandidates}, then (untimed) the pairs its LSH buckets give to verification.
   */
  static Outcome oursClusters(SparkSession spark, RunDir run, PipelineConfig config, String label, boolean countCandidates)
      throws Exception {
    // The keys pass then hashes for near dedup only, as MLlib's side does.
    config.dedup.exact.enabled = false;
    config.dedup.url.enabled = false;
    config.dedup.lines.enabled = false;
    long start = System.nanoTime();
    long peak;
    Map<String, String> clusters = new HashMap<>();
    String work = run.root() + "/.ours-work";
    try (HeapSampler heap = new HeapSampler()) {
      Dataset<Row> docs = spark.read().schema(Documents.SCHEMA).parquet(run.stage("clean").toString());
      for (Row r : DedupBenchSupport.nearClusters(spark, docs, config.dedup, work).collectAsList()) {
        clusters.put(r.getString(0), r.getString(1));
      }
      peak = heap.peakBytes();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long candidates = countCandidates ? DedupBenchSupport.candidatePairs(spark, work, config.dedup) : -1;
    return new Outcome(label, clusters, seconds, peak, candidates);
  }

  /**
   * Spark MLlib: the same shingles as sparse binary vectors (hash folded to 30 bits), MinHashLSH with
   * {@code tables} hash tables, approxSimilarityJoin at Jaccard distance below 1 - threshold (MLlib computes the
   * exact distance of every candidate), then our connected components. With {@code countCandidates}, then (untimed)
   * the distinct pairs that share a hash value in at least one table: the pairs whose distance MLlib computes.
   */
  static Outcome mllib(SparkSession spark, RunDir run, int ngram, int tables, double threshold, boolean countCandidates)
      throws Exception {
    long start = System.nanoTime();
    long peak;
    Map<String, String> clusters = new HashMap<>();
    Dataset<Row> features;
    MinHashLSHModel model;
    try (HeapSampler heap = new HeapSampler()) {
      Dataset<Row> docs = spark.read().parquet(run.stage("clean").toString()).select("id", "text");
      StructType schema = new StructType().add("id", DataTypes.StringType).add("features", SQLDataTypes.VectorType());
      MapPartitionsFunction<Row, Row> vectors = rows -> {
        ShingleSets shingles = new ShingleSets(ngram);
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
          Row r = rows.next();
          long[] set = shingles.of(r.getString(1));
          int[] idx = new int[set.length];
          for (int i = 0; i < set.length; i++) idx[i] = (int) (set[i] >>> 34);
          java.util.Arrays.sort(idx);
          int k = 0;
          for (int i = 0; i < idx.length; i++) if (i == 0 || idx[i] != idx[i - 1]) idx[k++] = idx[i];
          if (k == 0) continue;
          double[] ones = new double[k];
          java.util.Arrays.fill(ones, 1.0);
          out.add(RowFactory.create(r.getString(0), Vectors.sparse(1 << 30, java.util.Arrays.copyOf(idx, k), ones)));
        }
        return out.iterator();
      };
      features = docs.mapPartitions(vectors, Encoders.row(schema)).cache();
      model = new MinHashLSH().setNumHashTables(tables).setSeed(1).setInputCol("features")
          .setOutputCol("hashes").fit(features);
      Dataset<Row> pairs = model.approxSimilarityJoin(features, features, 1 - threshold, "distance")
          .select(col("datasetA.id").as("src"), col("datasetB.id").as("dst"))
          .filter(col("src").gt(col("dst")));
      for (Row r : DedupBenchSupport.components(spark, pairs).collectAsList()) {
        clusters.put(r.getString(0), r.getString(1));
      }
      peak = heap.peakBytes();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long candidates = countCandidates ? mllibCandidates(model, features) : -1;
    features.unpersist();
    return new Outcome("spark-mllib MinHashLSH (" + tables + " tables)", clusters, seconds, peak, candidates);
  }

  /**
   * Distinct pairs of documents with the same hash value in at least one of the model's tables; -1 (and the error on
   * stderr) if counting fails, so that a long run keeps its timed figures.
   */
  private static long mllibCandidates(MinHashLSHModel model, Dataset<Row> features) {
    try {
      Dataset<Row> hashes = model.transform(features)
          .select(col("id"), posexplode(col("hashes")).as(new String[] {"table", "hash"}))
          .select(col("id"), col("table"), org.apache.spark.ml.functions.vector_to_array(col("hash"), "float64").getItem(0).as("h"));
      Dataset<Row> a = hashes.as("a");
      Dataset<Row> b = hashes.as("b");
      return a.join(b, col("a.table").equalTo(col("b.table")).and(col("a.h").equalTo(col("b.h")))
              .and(col("a.id").lt(col("b.id"))))
          .select(col("a.id"), col("b.id")).distinct().count();
    } catch (RuntimeException e) {
      e.printStackTrace();
      return -1;
    }
  }

  /** Ground truth: similarity of every pair of documents within the same family (variants of one base). */
  static Set<String> truePairsWithinFamilies(List<NearDuplicateCorpus.Doc> docs, int ngram, double threshold) {
    ShingleSets shingles = new ShingleSets(ngram);
    Map<Integer, List<NearDuplicateCorpus.Doc>> families = new HashMap<>();
    for (NearDuplicateCorpus.Doc d : docs) families.computeIfAbsent(d.family(), k -> new ArrayList<>()).add(d);
    Set<String> pairs = new HashSet<>();
    for (List<NearDuplicateCorpus.Doc> family : families.values()) {
      if (family.size() < 2) continue;
      List<long[]> sets = new ArrayList<>();
      for (NearDuplicateCorpus.Doc d : family) sets.add(shingles.of(d.text()));
      for (int i = 0; i < family.size(); i++) {
        for (int j = i + 1; j < family.size(); j++) {
          if (DedupBenchSupport.jaccard(sets.get(i), sets.get(j)) >= threshold) pairs.add(pair(family.get(i).id(), family.get(j).id()));
        }
      }
    }
    return pairs;
  }

  static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
  }

  /** Document level: is a document marked as a duplicate (in a cluster) exactly when it has a true partner? */
  static Score documents(List<NearDuplicateCorpus.Doc> docs, Set<String> truePairs, Map<String, String> clusters) {
    Set<String> truth = new HashSet<>();
    for (String p : truePairs) truth.addAll(List.of(p.split(" ")));
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (NearDuplicateCorpus.Doc d : docs) {
      boolean predicted = clusters.containsKey(d.id());
      boolean actual = truth.contains(d.id());
      if (predicted && actual) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    }
    return new Score(tp, fp, fn);
  }

  /** Pair level: pairs in the same cluster against pairs at or above the threshold. */
  static Score pairs(Set<String> truePairs, Map<String, String> clusters) {
    Map<String, List<String>> members = new HashMap<>();
    clusters.forEach((id, c) -> members.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
    long tp = 0;
    long fp = 0;
    for (List<String> m : members.values()) {
      for (int i = 0; i < m.size(); i++) {
        for (int j = i + 1; j < m.size(); j++) {
          if (truePairs.contains(pair(m.get(i), m.get(j)))) tp++;
          else fp++;
        }
      }
    }
    return new Score(tp, fp, truePairs.size() - tp);
  }
}
