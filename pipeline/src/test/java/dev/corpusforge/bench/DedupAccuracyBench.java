package dev.corpusforge.bench;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.dedup.DedupBenchSupport;
import dev.corpusforge.dedup.DedupBenchSupport.ShingleSets;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Accuracy of near-duplicate detection on real text: every contiguous 300-word cut of the shared Wikipedia excerpt
 * and gold web pages, 30% of them with 1-3 mutated variants. Ground truth is exact: the Jaccard similarity of every
 * pair of documents sharing at least one shingle (an inverted index over all shingles), at the configured threshold.
 * Scores the stage's default (FineWeb: no verification) and with verification.
 *
 * <p>{@code bin/bench pipeline DedupAccuracyBench [dupRate] [seed]}
 */
public final class DedupAccuracyBench {
  public static void main(String[] args) throws Exception {
    double dupRate = args.length > 0 ? Double.parseDouble(args[0]) : 0.3;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    String[] pool = NearDuplicateCorpus.realWords(SparkTests.corpusSamples());
    int length = 300;
    List<NearDuplicateCorpus.Doc> docs = NearDuplicateCorpus.generate(pool, pool.length / length, length, dupRate, seed);
    PipelineConfig defaults = SparkTests.defaults();
    int ngram = defaults.dedup.near.ngram;
    double threshold = defaults.dedup.near.threshold;

    // Exact ground truth over all pairs that share a shingle.
    ShingleSets shingles = new ShingleSets(ngram);
    List<long[]> sets = new ArrayList<>();
    Map<Long, List<Integer>> postings = new HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      long[] set = shingles.of(docs.get(i).text());
      sets.add(set);
      for (long s : set) postings.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
    }
    Set<Long> candidates = new HashSet<>();
    for (List<Integer> p : postings.values()) {
      for (int a = 0; a < p.size(); a++) for (int b = a + 1; b < p.size(); b++) candidates.add((long) p.get(a) << 32 | p.get(b));
    }
    Set<String> truth = new HashSet<>();
    int crossFamily = 0;
    for (long c : candidates) {
      int a = (int) (c >>> 32);
      int b = (int) c;
      if (DedupBenchSupport.jaccard(sets.get(a), sets.get(b)) >= threshold) {
        truth.add(NearDuplicateEvaluation.pair(docs.get(a).id(), docs.get(b).id()));
        if (docs.get(a).family() != docs.get(b).family()) crossFamily++;
      }
    }
    int[] histogram = new int[10];
    for (long c : candidates) {
      int a = (int) (c >>> 32);
      int b = (int) c;
      if (docs.get(a).family() == docs.get(b).family()) histogram[Math.min(9, (int) (DedupBenchSupport.jaccard(sets.get(a), sets.get(b)) * 10))]++;
    }

    SparkSession spark = Cli.spark();
    StringBuilder report = new StringBuilder();
    report.append(String.format("corpus: %,d documents (%,d base cuts of %d words from %,d real words, dup rate %.2f, seed %d)%n",
        docs.size(), pool.length / length, length, pool.length, dupRate, seed));
    report.append(String.format("ground truth: %,d pairs with Jaccard >= %.2f on word %d-gram shingles (%,d candidate pairs "
        + "checked exactly; %d true pairs across families)%n", truth.size(), threshold, ngram, candidates.size(), crossFamily));
    report.append("within-family similarity histogram (0.0-0.1 ... 0.9-1.0): ").append(java.util.Arrays.toString(histogram)).append('\n');
    for (boolean verify : new boolean[] {false, true}) {
      RunDir run = new RunDir(Files.createTempDirectory("dedup-accuracy").toString());
      NearDuplicateEvaluation.writeClean(spark, run, docs, 4);
      PipelineConfig config = SparkTests.defaults();
      config.dedup.near.verify = verify;
      NearDuplicateEvaluation.Outcome o = NearDuplicateEvaluation.ours(spark, run, config, "ours, verify=" + verify);
      report.append(String.format("%-22s documents: %s%n%-22s pairs:     %s%n", o.method(),
          NearDuplicateEvaluation.documents(docs, truth, o.clusters()), "", NearDuplicateEvaluation.pairs(truth, o.clusters())));
    }
    System.out.print(report);
  }
}
