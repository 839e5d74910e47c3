package dev.corpusforge.stage;

import dev.corpusforge.doc.Document;
import java.io.Serializable;

/**
 * A document with the verdict a stage gave it: kept (no reason), or rejected with a reason and details as JSON. A
 * bean, for Spark's encoder; ingest's {@code ReadRecord} and clean's {@code CleanRecord} add what their stage counts,
 * and both become the document columns plus {@link Rejects#REASON} and {@link Rejects#DETAILS}.
 */
public class DocumentVerdict implements Serializable {
  private static final long serialVersionUID = 1L;

  private Document doc;
  private String rejectReason;
  private String rejectDetails;

  public boolean isKept() { return rejectReason == null; }
  public Document getDoc() { return doc; }
  public void setDoc(Document doc) { this.doc = doc; }
  /** Null when kept; otherwise the rule or damage that rejected the document ("step:rule", "corrupt"). */
  public String getRejectReason() { return rejectReason; }
  public void setRejectReason(String rejectReason) { this.rejectReason = rejectReason; }
  /** JSON: the signal values or the error behind the reason. */
  public String getRejectDetails() { return rejectDetails; }
  public void setRejectDetails(String rejectDetails) { this.rejectDetails = rejectDetails; }
}
