package dev.corpusforge.doc;

import java.io.Serializable;
import java.util.Objects;

/** Where a document came from: the input file, the record's byte offset in it, and the archive entry or page id. */
public class Provenance implements Serializable {
  private static final long serialVersionUID = 1L;

  private String file;
  private long offset = -1;
  private String entry;

  public Provenance() {}

  public Provenance(String file, long offset, String entry) {
    this.file = file;
    this.offset = offset;
    this.entry = entry;
  }

  public String getFile() { return file; }
  public void setFile(String file) { this.file = file; }
  /** Byte offset of the record in the (compressed) input file, or -1 where the format has none. */
  public long getOffset() { return offset; }
  public void setOffset(long offset) { this.offset = offset; }
  /** Archive entry name, page id or line number: whatever names the record inside its file. */
  public String getEntry() { return entry; }
  public void setEntry(String entry) { this.entry = entry; }

  @Override public boolean equals(Object o) {
    if (!(o instanceof Provenance)) return false;
    Provenance p = (Provenance) o;
    return offset == p.offset && Objects.equals(file, p.file) && Objects.equals(entry, p.entry);
  }

  @Override public int hashCode() { return Objects.hash(file, offset, entry); }

  @Override public String toString() { return file + (entry != null ? "!" + entry : "") + (offset >= 0 ? "@" + offset : ""); }
}
