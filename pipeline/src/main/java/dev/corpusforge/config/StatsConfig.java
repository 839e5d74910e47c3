package dev.corpusforge.config;

import java.io.Serializable;

/** What the stats stage keeps. None of these changes a count; they bound the size of the tables a user reads. */
public class StatsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rejected documents kept per stage and reason as examples, the first ones by id (deterministic). */
  public int samplesPerReason = 3;
  /** Characters of each sample's text kept: enough to see why it was dropped, small enough for a report. */
  public int sampleChars = 600;
  /** Web domains listed per stage and source, by document count. */
  public int topDomains = 30;
  /** Code languages listed per stage and source, by document count. */
  public int topCodeLanguages = 30;
  /** Equal-width bins between a quality signal's minimum and maximum. */
  public int signalBins = 20;
}
