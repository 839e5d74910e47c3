package dev.corpusforge.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned quality filter (stage {@code quality}, between clean and dedup) and its trainer ({@code train-quality}).
 * GPT-3's recipe (Brown et al. 2020, appendix A): a logistic-regression classifier on Spark's tokenizer and HashingTF
 * features, trained to tell curated reference text from raw Common Crawl, and a document kept when
 * {@code numpy.random.pareto(9) > 1 - score}. A fastText model (DCLM's OH-2.5+ELI5 classifier, FineWeb-Edu-style) can
 * score instead.
 */
public class QualityConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String TRAIN = "train";
  public static final String FASTTEXT = "fasttext:";
  public static final String KEEP_THRESHOLD = "threshold";
  public static final String KEEP_PARETO = "pareto";

  /**
   * The scorer; empty (default) leaves the stage out of {@code run}. A Spark ML PipelineModel folder (e.g. one written
   * by {@code train-quality}), {@code fasttext:PATH} of a supervised {@code .bin}/{@code .ftz} model, or
   * {@code train}: run {@code train-quality} on this run's documents first and score with {@code DIR/quality-model}.
   */
  public String model = "";
  /** The positive label of a fastText model: its probability is the score (DCLM's classifier calls it __label__hq). */
  public String label = "__label__hq";
  /** {@code threshold}: keep when score ≥ {@link #threshold}; {@code pareto}: GPT-3's stochastic rule. */
  public String keep = KEEP_PARETO;
  /** Minimum score under {@code keep: threshold}. */
  public double threshold = 0.5;
  /** The Pareto shape of GPT-3's rule: α = 9, "chosen to take mostly documents the classifier scored highly". */
  public double paretoAlpha = 9;
  /** Seed of the Pareto draw, hashed with the document id so that reruns keep the same documents. */
  public long seed = 1;
  /**
   * Sources the keep rule applies to; other sources are scored only. GPT-3 filtered Common Crawl only, the curated
   * sources (books, Wikipedia) being the positive examples. Empty applies it to every source.
   */
  public List<String> filterSources = new ArrayList<>(List.of("web"));
  /** Score and keep everything: the score and the would-be verdict are stored, nothing is dropped. */
  public boolean annotateOnly = false;
  public Train train = new Train();

  /** {@code train-quality}: the classifier GPT-3 used. */
  public static class Train implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * High-quality examples: source names of this run (read from its clean output) or paths of JSONL/Parquet documents
     * with a {@code text} field. GPT-3 used WebText, Wikipedia and its web books corpus.
     */
    public List<String> positive = new ArrayList<>(List.of("wikipedia", "arxiv"));
    /** Low-quality examples: raw web text in GPT-3 (unfiltered Common Crawl). */
    public List<String> negative = new ArrayList<>(List.of("web"));
    /** At most this many documents per class, drawn by a seeded hash of the id (0 = all). */
    public long maxPerClass = 100_000;
    /** Share of each class held out for metrics.json (AUC, accuracy). */
    public double heldOutFraction = 0.2;
    /** Seed of the sample and of the held-out split. */
    public long seed = 1;
    /** HashingTF width: Spark's default, 2^18. */
    public int numFeatures = 1 << 18;
    /** LogisticRegression: Spark's defaults for iterations; a little L2 so that rare hashed words do not dominate. */
    public int maxIter = 100;
    public double regParam = 0.01;
    /** Where the PipelineModel and metrics.json go; relative paths are under the run directory. */
    public String output = "quality-model";
  }
}
