package dev.corpusforge.bench;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Side by side in one JVM on one generated corpus: Spark MLlib's MinHashLSH (approxSimilarityJoin, then the same
 * connected components) and ours, both from the same Parquet documents to clusters; then our whole dedup stage with
 * near-duplicates only, which also writes the deduplicated documents and rejects. Reports wall time, heap high-water
 * and accuracy of each. Ground truth: exact Jaccard of the pairs within each family (the accuracy bench shows pairs across families
 * do not reach the threshold). MLlib runs first, so JIT warm-up favours ours only by the Spark start-up it shares.
 *
 * <p>{@code bin/bench pipeline DedupSpeedBench [bases] [mllibTables] [verify] [BANDSxROWS...]}
 */
public final class DedupSpeedBench {
  public static void main(String[] args) throws Exception {
    int bases = args.length > 0 ? Integer.parseInt(args[0]) : 80_000;
    int tables = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean verify = args.length > 2 && Boolean.parseBoolean(args[2]);
    String[] pool = NearDuplicateCorpus.realWords(SparkTests.corpusSamples());
    List<NearDuplicateCorpus.Doc> docs = NearDuplicateCorpus.generate(pool, bases, 300, 0.3, 1);
    PipelineConfig config = SparkTests.defaults();
    config.dedup.near.verify = verify;
    int ngram = config.dedup.near.ngram;
    double threshold = config.dedup.near.threshold;
    Set<String> truth = NearDuplicateEvaluation.truePairsWithinFamilies(docs, ngram, threshold);

    SparkSession spark = Cli.spark();
    RunDir run = new RunDir(Files.createTempDirectory("dedup-speed").toString());
    NearDuplicateEvaluation.writeClean(spark, run, docs, 8);
    StringBuilder report = new StringBuilder(String.format(
        "corpus: %,d documents of ~300 words (%,d bases, dup rate 0.30), %,d true pairs at Jaccard >= %.2f; Spark %s, %d cores, heap max %d MB%n",
        docs.size(), bases, truth.size(), threshold, spark.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20));
    NearDuplicateEvaluation.Outcome mllib = NearDuplicateEvaluation.mllib(spark, run, ngram, tables, threshold);
    NearDuplicateEvaluation.Outcome ours = NearDuplicateEvaluation.oursClusters(spark, run, config,
        "ours (14x8 bands, verify=" + verify + ")");
    List<NearDuplicateEvaluation.Outcome> outcomes = new java.util.ArrayList<>(List.of(mllib, ours));
    for (int i = 3; i < args.length; i++) {
      // Other banding of the same budget, e.g. 28x4: a steeper S-curve below the threshold, verified away.
      PipelineConfig other = SparkTests.defaults();
      other.dedup.near.verify = verify;
      other.dedup.near.bands = Integer.parseInt(args[i].split("x")[0]);
      other.dedup.near.rows = Integer.parseInt(args[i].split("x")[1]);
      outcomes.add(NearDuplicateEvaluation.oursClusters(spark, run, other, "ours (" + args[i] + " bands, verify=" + verify + ")"));
    }
    outcomes.add(NearDuplicateEvaluation.ours(spark, run, config, "ours, whole stage with output"));
    for (NearDuplicateEvaluation.Outcome o : outcomes) {
      report.append(String.format("%-34s %8.1f s  peak heap %6d MB  documents: %s  pairs: %s%n", o.method(), o.seconds(),
          o.peakHeap() >> 20, NearDuplicateEvaluation.documents(docs, truth, o.clusters()),
          NearDuplicateEvaluation.pairs(truth, o.clusters())));
    }
    for (NearDuplicateEvaluation.Outcome o : outcomes.subList(1, outcomes.size())) {
      report.append(String.format("speed-up of %s over MLlib: %.1fx%n", o.method(), mllib.seconds() / o.seconds()));
    }
    System.out.print(report);
  }
}
