package dev.corpusforge.ingest;

import dev.corpusforge.doc.Document;
import java.io.Serializable;

/** What a reader yields for each record it reads: a document, or a document-shaped reject with its reason. */
public class ReadRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private Document doc;
  private String rejectReason;
  private String rejectDetails;
  private long bytesSkipped;
  private long invalidCodePoints;
  private long afterDamage;

  public ReadRecord() {}

  private ReadRecord(Document doc, String rejectReason, String rejectDetails) {
    this.doc = doc;
    this.rejectReason = rejectReason;
    this.rejectDetails = rejectDetails;
  }

  public static ReadRecord kept(Document doc) {
    return new ReadRecord(doc, null, null);
  }

  /** A rejected record; {@code doc} carries id, source and provenance (and text where there was any). */
  public static ReadRecord rejected(Document doc, String reason, String details) {
    return new ReadRecord(doc, reason, details);
  }

  public boolean isKept() { return rejectReason == null; }
  public Document getDoc() { return doc; }
  public void setDoc(Document doc) { this.doc = doc; }
  public String getRejectReason() { return rejectReason; }
  public void setRejectReason(String rejectReason) { this.rejectReason = rejectReason; }
  public String getRejectDetails() { return rejectDetails; }
  public void setRejectDetails(String rejectDetails) { this.rejectDetails = rejectDetails; }
  /** Bytes of the file this reject stands for that could not be read as records (damage passed over). */
  public long getBytesSkipped() { return bytesSkipped; }
  public void setBytesSkipped(long bytesSkipped) { this.bytesSkipped = bytesSkipped; }
  /** Invalid code points replaced by U+FFFD in the kept document (ingest.invalidCodePoints: replace). */
  public long getInvalidCodePoints() { return invalidCodePoints; }
  public void setInvalidCodePoints(long invalidCodePoints) { this.invalidCodePoints = invalidCodePoints; }
  /** 1 when read after damage was skipped in the same file: a record the resynchronization recovered. */
  public long getAfterDamage() { return afterDamage; }
  public void setAfterDamage(long afterDamage) { this.afterDamage = afterDamage; }

  @Override public String toString() { return (isKept() ? "kept " : "rejected " + rejectReason + " ") + doc; }
}
