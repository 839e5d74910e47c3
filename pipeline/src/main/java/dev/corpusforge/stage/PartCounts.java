package dev.corpusforge.stage;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * One task's counts: documents and text characters per group and reason ("" = kept), and its counter sums (overall
 * and per group). A task returns them as its result, and a map-only stage also commits them beside its part
 * ({@link PartCommit}), so a reused part adds exactly what it added when it was written.
 */
public final class PartCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  /** group -> reason ("" = kept) -> {documents, characters}. */
  public TreeMap<String, TreeMap<String, long[]>> byGroup = new TreeMap<>();
  /** Sums of the target's counter columns, in their order. */
  public long[] counters = new long[0];
  /** The same sums per group. */
  public TreeMap<String, long[]> countersByGroup = new TreeMap<>();

  public PartCounts() {}

  PartCounts(int counters) {
    this.counters = new long[counters];
  }
}
