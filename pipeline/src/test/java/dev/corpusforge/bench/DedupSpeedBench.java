package dev.corpusforge.bench;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.testing.SparkTests;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Side by side in one JVM on one corpus of real text ({@link NearDuplicateCorpus#cuts}: non-overlapping cuts of the
 * shared Wikipedia excerpt and the Readability and Dragnet gold page texts, the other documents mutated variants of
 * them): Spark MLlib's MinHashLSH and our near dedup with the stage's default configuration, both from the same Parquet
 * documents to clusters. MLlib runs as GPT-3 ran it ({@code numHashTables} 10) and as a user tunes it (the fewest
 * tables whose document F1 reaches ours, found by a search of one run per table count, or given), each through
 * {@code approxSimilarityJoin} at Jaccard distance below 1 - threshold, then the same connected components as ours.
 * Each method runs {@code runs} times, the methods interleaved so that a change of machine load hits all alike; the
 * figure is the median. Candidate pairs (what each method's LSH hands to its exact comparison) are counted once,
 * outside the timed part. Ground truth: exact Jaccard of the pairs within each family.
 *
 * <p>{@code bin/bench pipeline DedupSpeedBench [documents] [runs] [gpt3Tables] [tunedTables|search] [words]}
 * (default 100000 3 10 search 100)
 */
public final class DedupSpeedBench {
  public static void main(String[] args) throws Exception {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int gpt3Tables = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    String tunedArg = args.length > 3 ? args[3] : "search";
    int words = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    String[] pool = NearDuplicateCorpus.realWordsWithDragnet(SparkTests.corpusSamples());
    List<NearDuplicateCorpus.Doc> docs = NearDuplicateCorpus.cuts(pool, words, documents, 1);
    PipelineConfig defaults = SparkTests.defaults();
    int ngram = defaults.dedup.near.ngram;
    double threshold = defaults.dedup.near.threshold;
    String ours = String.format("ours, stage default (%dx%d bands, verify=%s)", defaults.dedup.near.bands,
        defaults.dedup.near.rows, defaults.dedup.near.verify);
    Set<String> truth = NearDuplicateEvaluation.truePairsWithinFamilies(docs, ngram, threshold);

    SparkSession spark = Cli.spark();
    RunDir run = new RunDir(Files.createTempDirectory("dedup-speed").toString());
    NearDuplicateEvaluation.writeClean(spark, run, docs, 8);
    System.out.printf("corpus: %,d documents: %,d bases (every non-overlapping %d-word cut of %,d real words), the rest "
            + "mutated variants; %,d true pairs at Jaccard >= %.2f on word %d-grams; Spark %s, %d cores, heap max %d MB, "
            + "load average %.1f%n", docs.size(), pool.length / words, words, pool.length, truth.size(), threshold, ngram,
        spark.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, load());

    Map<String, List<NearDuplicateEvaluation.Outcome>> results = new LinkedHashMap<>();
    int tuned;
    if (tunedArg.equals("search")) {
      NearDuplicateEvaluation.Outcome o = NearDuplicateEvaluation.oursClusters(spark, run, SparkTests.defaults(), ours, true);
      double target = NearDuplicateEvaluation.documents(docs, truth, o.clusters()).f1();
      System.out.printf("search for the tuned table count (one run each): %s%n", row(o, docs, truth));
      tuned = gpt3Tables;
      for (int t = 1; t < gpt3Tables; t++) {
        NearDuplicateEvaluation.Outcome m = NearDuplicateEvaluation.mllib(spark, run, ngram, t, threshold, false);
        System.out.printf("search for the tuned table count (one run each): %s%n", row(m, docs, truth));
        if (NearDuplicateEvaluation.documents(docs, truth, m.clusters()).f1() >= target) {
          tuned = t;
          break;
        }
      }
    } else {
      tuned = Integer.parseInt(tunedArg);
    }
    List<Integer> tables = tuned == gpt3Tables ? List.of(gpt3Tables) : List.of(gpt3Tables, tuned);
    for (int r = 0; r < runs; r++) {
      boolean count = r == 0;
      for (int t : tables) {
        NearDuplicateEvaluation.Outcome m = NearDuplicateEvaluation.mllib(spark, run, ngram, t, threshold, count);
        results.computeIfAbsent(m.method(), k -> new ArrayList<>()).add(m);
        System.out.printf("run %d: %s (load average %.1f)%n", r + 1, row(m, docs, truth), load());
      }
      NearDuplicateEvaluation.Outcome o = NearDuplicateEvaluation.oursClusters(spark, run, SparkTests.defaults(), ours, count);
      results.computeIfAbsent(o.method(), k -> new ArrayList<>()).add(o);
      System.out.printf("run %d: %s (load average %.1f)%n", r + 1, row(o, docs, truth), load());
    }

    System.out.printf("median of %d runs (min-max); accuracy and candidate pairs are the same in every run:%n", runs);
    Map<String, Double> medians = new LinkedHashMap<>();
    for (var e : results.entrySet()) {
      double[] seconds = e.getValue().stream().mapToDouble(NearDuplicateEvaluation.Outcome::seconds).toArray();
      double[] heap = e.getValue().stream().mapToDouble(o -> o.peakHeap() >> 20).toArray();
      medians.put(e.getKey(), median(seconds));
      NearDuplicateEvaluation.Outcome first = e.getValue().get(0);
      System.out.printf("%-44s %7.1f s (%.1f-%.1f)  peak heap %5.0f MB  candidate pairs %,d  documents: %s  pairs: %s%n",
          e.getKey(), median(seconds), Arrays.stream(seconds).min().orElse(0), Arrays.stream(seconds).max().orElse(0),
          median(heap), first.candidates(), NearDuplicateEvaluation.documents(docs, truth, first.clusters()),
          NearDuplicateEvaluation.pairs(truth, first.clusters()));
    }
    for (var e : medians.entrySet()) {
      if (e.getKey().equals(ours)) continue;
      System.out.printf("speed-up of ours over %s: %.1fx (ratio of medians)%n", e.getKey(), e.getValue() / medians.get(ours));
    }
    System.out.printf("load average %.1f at end%n", load());
  }

  private static String row(NearDuplicateEvaluation.Outcome o, List<NearDuplicateCorpus.Doc> docs, Set<String> truth) {
    return String.format("%-44s %7.1f s  peak heap %5d MB  documents: %s%s", o.method(), o.seconds(), o.peakHeap() >> 20,
        NearDuplicateEvaluation.documents(docs, truth, o.clusters()),
        o.candidates() < 0 ? "" : String.format("  candidate pairs %,d", o.candidates()));
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
