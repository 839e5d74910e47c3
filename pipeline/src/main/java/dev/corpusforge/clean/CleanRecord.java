package dev.corpusforge.clean;

import dev.corpusforge.doc.Document;
import java.io.Serializable;
import java.util.Map;

/** What the clean stage decided about one document: the cleaned document, the verdict, counters and signals. */
public class CleanRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private Document doc;
  private String rejectReason;
  private String rejectDetails;
  private Map<String, Long> counters;
  private Map<String, Double> signals;

  public Document getDoc() { return doc; }
  public void setDoc(Document doc) { this.doc = doc; }
  /** Null when kept; "step:rule" otherwise (in annotate-only mode: the reason it would have been dropped). */
  public String getRejectReason() { return rejectReason; }
  public void setRejectReason(String rejectReason) { this.rejectReason = rejectReason; }
  /** JSON of the rejecting step's signals. */
  public String getRejectDetails() { return rejectDetails; }
  public void setRejectDetails(String rejectDetails) { this.rejectDetails = rejectDetails; }
  public Map<String, Long> getCounters() { return counters; }
  public void setCounters(Map<String, Long> counters) { this.counters = counters; }
  /** Every step's signals, "step_signal" to value; filled in annotate-only mode. */
  public Map<String, Double> getSignals() { return signals; }
  public void setSignals(Map<String, Double> signals) { this.signals = signals; }
}
