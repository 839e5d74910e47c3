package dev.corpusforge.config;

import java.io.Serializable;

/**
 * How many programming errors a stage tolerates before it fails. A clean step or a reader that throws something other
 * than the damage it knows (a NullPointerException, a StackOverflowError, ...) turns the document into a
 * {@code <step>:error} / {@code <reader>:error} reject; past this budget the stage exits non-zero naming the step,
 * the count and a few document ids, so that a bug is not mistaken for bad data. Damage a reader recognizes (corrupt
 * archives, invalid encodings, limits) is counted as usual and never fails a stage.
 */
public class ErrorBudgetConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Errors tolerated as a fraction of the stage's records read: 0.1 %, a few documents in a thousand that hit a rare
   * bug, where a systematic bug (a step failing on every document of a language or source) exceeds it at once.
   */
  public double maxFraction = 0.001;
  /** Below this many records, a fraction is too coarse to tell a rare bug from a systematic one: any error fails. */
  public long minRecords = 1000;
}
