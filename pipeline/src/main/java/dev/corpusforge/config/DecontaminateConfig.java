package dev.corpusforge.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark decontamination (stage {@code decontaminate}, after dedup, before tokenize), as GPT-3 did it (Brown et al.
 * 2020, appendix C): evaluation items and training documents normalized alike (lower case, punctuation removed, split
 * on whitespace), and any training document sharing a 13-gram with an item is removed or has the matching spans cut.
 */
public class DecontaminateConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String DROP = "drop";
  public static final String CUT = "cut";

  /** Evaluation sets: JSONL or Parquet files (any Hadoop path). Empty (default) leaves the stage out of {@code run}. */
  public List<String> evalSets = new ArrayList<>();
  /** The item fields whose text is checked, joined by a space (e.g. question,answer). */
  public List<String> fields = new ArrayList<>(List.of("text"));
  /** The item id field, recorded with each match; the item's line number when an item has none. */
  public String idField = "id";
  /** N-gram length: 13 in GPT-3. An item with fewer words counts as one n-gram of its whole text. */
  public int n = 13;
  /** {@code drop} the document (default), or {@code cut} each matching span and {@link #cutMargin} on each side. */
  public String action = DROP;
  /** Characters removed on each side of a matching span under {@code cut}: 200 in GPT-3. */
  public int cutMargin = 200;
  /** A cut document split into more pieces than this is dropped instead: 10 in GPT-3. */
  public int maxPieces = 10;
  /** A cut document left shorter than this many characters is dropped: 200 in GPT-3. */
  public int minChars = 200;
  /**
   * Eval n-grams up to this many are broadcast to every task as a hash set; beyond it they are joined with the
   * documents' n-grams instead. 20 M 64-bit hashes is ~160 MB per executor.
   */
  public long broadcastLimit = 20_000_000;
}
