package dev.corpusforge.ingest;

import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.io.ArchiveLimitException;
import dev.corpusforge.stage.Json;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a reader's iterator so that one bad file never fails the job: an exception (truncated gzip, malformed XML)
 * ends the file with a `corrupt` reject (`archive-limit` past the decompression cap) that names file and record,
 * after everything read before it was kept; a file that yields no record at all gives one `empty-file` reject, so
 * every input file shows up in the counts.
 */
final class GuardedRecords implements Iterator<ReadRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedRecords.class);

  private final InputFile file;
  private final String source;
  private Iterator<ReadRecord> inner;
  private ReadRecord pending;
  private long yielded;
  private boolean done;

  GuardedRecords(SourceReader reader, InputFile file, String source) {
    this.file = file;
    this.source = source;
    try {
      this.inner = reader.read(file);
    } catch (Exception | StackOverflowError e) {
      fail(e);
    }
  }

  @Override public boolean hasNext() {
    if (pending != null) return true;
    if (done) return false;
    try {
      if (inner.hasNext()) {
        pending = inner.next();
      }
    } catch (Exception | StackOverflowError e) {
      fail(e);
    }
    if (pending == null && !done) {
      done = true;
      if (yielded == 0) pending = reject("empty-file", "no records in " + file.path());
    }
    return pending != null;
  }

  @Override public ReadRecord next() {
    if (!hasNext()) throw new NoSuchElementException();
    ReadRecord r = pending;
    pending = null;
    yielded++;
    return r;
  }

  private void fail(Throwable e) {
    done = true;
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    LOG.warn("{}: record {} (after {} records read): {}; rest of file skipped, counted as reject:{}",
        file.path(), yielded + 1, yielded, message, reason(e));
    pending = reject(reason(e), "{\"after_records\":" + yielded + ",\"error\":" + Json.quote(message) + "}");
  }

  /** `archive-limit` when the file hit the decompression cap (wrapped or not), else `corrupt`. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ArchiveLimitException) return ArchiveLimitException.REASON;
    }
    return "corrupt";
  }

  private ReadRecord reject(String reason, String details) {
    Provenance prov = new Provenance(file.path(), -1, "#" + reason + "@" + yielded);
    // Keyed by file name, not path: the same corpus read from file://, hdfs:// or s3a:// keeps its ids.
    Document doc = new Document(Documents.stableId(source, file.name() + "#" + reason + "@" + yielded), source,
        null, null, null, prov);
    return ReadRecord.rejected(doc, reason, details);
  }
}
