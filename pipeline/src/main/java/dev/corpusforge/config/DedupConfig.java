package dev.corpusforge.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The dedup stage: exact, URL, MinHash-LSH near-duplicate and line-level deduplication, applied in that order, each
 * to the documents the previous ones kept. Near-duplicate defaults are FineWeb's (Penedo et al. 2024, "The FineWeb
 * Datasets", section 3.4, and datatrove's MinhashConfig): word 5-grams, 112 hash functions as 14 bands of 8 rows,
 * 64-bit hashes, which targets documents at least about 75% similar.
 */
public class DedupConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public Exact exact = new Exact();
  public Url url = new Url();
  public Near near = new Near();
  public Lines lines = new Lines();

  public static class Exact implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Documents whose normalized text (lower case, words only) hashes the same (128-bit XXH64) keep one copy. */
    public boolean enabled = true;
  }

  public static class Url implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Documents of these sources with the same normalized URL keep one copy (a crawl revisits pages). */
    public boolean enabled = true;
    public List<String> sources = new ArrayList<>(List.of("web"));
  }

  public static class Near implements Serializable {
    private static final long serialVersionUID = 1L;
    public boolean enabled = true;
    /** Words per shingle: 5 in FineWeb (datatrove MinhashConfig n_grams=5). */
    public int ngram = 5;
    public static final List<String> CJK_SHINGLES = List.of("characters", "words");
    /**
     * What a "word" of a shingle is in Chinese and Japanese text: each character, or ICU4J's dictionary words.
     * Characters by measurement: on Chinese near-duplicates (1% of characters edited) character 5-grams score a higher
     * F1 than word 5-grams (BENCHMARKS.md, MultilingualBench). English and other spaced text is not affected.
     */
    public String cjkShingles = "characters";
    /** LSH bands ("buckets"): 14 in FineWeb. */
    public int bands = 14;
    /** Hashes per band: 8 in FineWeb; bands x rows = 112 hash functions. */
    public int rows = 8;
    /** Seed of the hash-function parameters (datatrove's default seed is 1). */
    public long seed = 1;
    /**
     * Check each LSH candidate pair by the exact Jaccard similarity of its shingle sets and drop pairs below
     * {@link #threshold}. FineWeb keeps every bucket collision; here it is on by default because banding alone also
     * clusters pairs well below the target similarity (docs/bench/dedup.md: F1 0.90 without, 0.99 with). Costs a
     * re-read of the documents that are in some candidate pair.
     */
    public boolean verify = true;
    /** Jaccard similarity a verified pair must reach: 0.75, the similarity FineWeb's 14x8 banding targets. */
    public double threshold = 0.75;
    /**
     * When verifying, LSH buckets of up to this many documents give every pair to check (larger ones link each member
     * to the smallest id only), so that one dissimilar pair does not cut a chain of similar ones.
     */
    public int pairwiseBucketSize = 20;
    /** Connected components stop with an error after this many large-star/small-star rounds (O(log^2 n) expected). */
    public int maxIterations = 60;
    /**
     * Up to this many verified pairs, connected components run their rounds on the driver (16 bytes a pair: 32 MB
     * at the default) instead of as Spark jobs: the same rounds and roots without a dozen small shuffles. A web
     * crawl's near-duplicate pairs are a small fraction of its documents (339 pairs in 10,586 pages, issue 12).
     */
    public long driverComponentsMaxPairs = 2_000_000;
  }

  public static class Lines implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Remove lines whose normalized hash occurs in more than {@link #maxOccurrences} documents across the corpus, as
     * CCNet removes paragraphs repeated across a shard (Wenzek et al. 2020, section 3.3).
     */
    public boolean enabled = true;
    /** A line shared by more documents than this is boilerplate. CCNet removes every repeated paragraph (1). */
    public int maxOccurrences = 1;
    /** Normalized lines shorter than this many characters are never removed (a blank or a lone "}" is no boilerplate). */
    public int minLineChars = 1;
    /** Sources left alone: repeated lines in code (license headers aside) are meaningful. */
    public List<String> excludeSources = new ArrayList<>(List.of("code"));
  }
}
