package dev.corpusforge.clean;

import dev.corpusforge.stage.DocumentVerdict;
import java.util.Map;

/**
 * What the clean stage decided about one document: the cleaned document and the verdict (a reason "step:rule", in
 * annotate-only mode the reason it would have been dropped; details: the rejecting step's signals), with counters and
 * signals.
 */
public class CleanRecord extends DocumentVerdict {
  private static final long serialVersionUID = 1L;

  private Map<String, Long> counters;
  private Map<String, Double> signals;

  public Map<String, Long> getCounters() { return counters; }
  public void setCounters(Map<String, Long> counters) { this.counters = counters; }
  /** Every step's signals, "step_signal" to value; filled in annotate-only mode. */
  public Map<String, Double> getSignals() { return signals; }
  public void setSignals(Map<String, Double> signals) { this.signals = signals; }
}
