package dev.corpusforge.ingest;

import dev.corpusforge.doc.Document;
import dev.corpusforge.stage.DocumentVerdict;

/**
 * What a reader yields for each record it reads: a document, or a document-shaped reject with its reason; with what
 * ingest counts per file (damaged bytes skipped, records recovered after damage, invalid code points replaced).
 */
public class ReadRecord extends DocumentVerdict {
  private static final long serialVersionUID = 1L;

  private long bytesSkipped;
  private long invalidCodePoints;
  private long afterDamage;

  public ReadRecord() {}

  private ReadRecord(Document doc, String rejectReason, String rejectDetails) {
    setDoc(doc);
    setRejectReason(rejectReason);
    setRejectDetails(rejectDetails);
  }

  public static ReadRecord kept(Document doc) {
    return new ReadRecord(doc, null, null);
  }

  /** A rejected record; {@code doc} carries id, source and provenance (and text where there was any). */
  public static ReadRecord rejected(Document doc, String reason, String details) {
    return new ReadRecord(doc, reason, details);
  }

  /** Bytes of the file this reject stands for that could not be read as records (damage passed over). */
  public long getBytesSkipped() { return bytesSkipped; }
  public void setBytesSkipped(long bytesSkipped) { this.bytesSkipped = bytesSkipped; }
  /** Invalid code points replaced by U+FFFD in the kept document (ingest.invalidCodePoints: replace). */
  public long getInvalidCodePoints() { return invalidCodePoints; }
  public void setInvalidCodePoints(long invalidCodePoints) { this.invalidCodePoints = invalidCodePoints; }
  /** 1 when read after damage was skipped in the same file: a record the resynchronization recovered. */
  public long getAfterDamage() { return afterDamage; }
  public void setAfterDamage(long afterDamage) { this.afterDamage = afterDamage; }

  @Override public String toString() { return (isKept() ? "kept " : "rejected " + getRejectReason() + " ") + getDoc(); }
}
