package dev.corpusforge.ingest;

import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.io.ArchiveLimitException;
import dev.corpusforge.io.LookAhead;
import dev.corpusforge.stage.Json;
import java.io.IOException;
import java.util.Iterator;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a reader's iterator so that one bad file never fails the task. An exception from the reader ends the file,
 * after everything read before it was kept, with one reject that names file and record:
 * <ul>
 *   <li>damage the reader met (an I/O or XML error: a truncated gzip, a cut archive) is {@code corrupt}, with the bytes
 *       of the file left unread ({@code archive-limit} past the decompression cap);</li>
 *   <li>any other exception is a bug, not bad data: {@code <reader>:error} ("web:error"), which the stage's
 *       {@link dev.corpusforge.stage.ErrorBudget} turns into a failed stage when there are too many.</li>
 * </ul>
 * A file that yields no record at all gives one {@code empty-file} reject, so every input file shows up in the counts.
 * Records read after a reject that skipped damaged bytes are marked as recovered after damage.
 */
final class GuardedRecords extends LookAhead<ReadRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedRecords.class);

  private final InputFile file;
  private final String source;
  private final String readerName;
  private Iterator<ReadRecord> inner;
  private long yielded;
  private boolean failed;
  private boolean damaged;
  /** The reject that ends the file, once the reader failed; handed out by the next read. */
  private ReadRecord pendingFailure;

  GuardedRecords(SourceReader reader, String readerName, InputFile file, String source) {
    this.file = file;
    this.source = source;
    this.readerName = readerName;
    try {
      this.inner = reader.read(file);
    } catch (Exception | StackOverflowError e) {
      failed = true;
      pendingFailure = fail(e);
    }
  }

  @Override protected ReadRecord read() {
    if (failed) {
      ReadRecord r = pendingFailure;
      pendingFailure = null;
      return counted(r);
    }
    ReadRecord r;
    try {
      r = inner.hasNext() ? inner.next() : null;
    } catch (Exception | StackOverflowError e) {
      failed = true;
      r = fail(e);
    }
    if (r == null && yielded == 0) {
      failed = true;
      r = reject("empty-file", "no records in " + file.path());
    }
    return counted(r);
  }

  private ReadRecord counted(ReadRecord r) {
    if (r == null) return null;
    yielded++;
    if (damaged) r.setAfterDamage(1);
    if (r.getBytesSkipped() > 0) damaged = true;
    return r;
  }

  private ReadRecord fail(Throwable e) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    String reason = reason(e);
    if (reason.endsWith(":error")) {
      LOG.error("{}: record {}: unexpected {} in the {} reader (a bug, not bad data); rest of file skipped, counted "
          + "as reject:{}", file.path(), yielded + 1, message, readerName, reason, e);
    } else {
      LOG.warn("{}: record {} (after {} records read): {}; rest of file skipped, counted as reject:{}",
          file.path(), yielded + 1, yielded, message, reason);
    }
    // Nothing read as records yet: the whole file is unread, however far an index lookup (a zip's end) went.
    long read = yielded == 0 ? 0 : file.bytesRead();
    long unread = read < 0 ? -1 : Math.max(0, file.length() - read);
    ReadRecord r = reject(reason, "{\"after_records\":" + yielded + (unread >= 0 ? ",\"bytes_unread\":" + unread : "")
        + ",\"error\":" + Json.quote(message) + "}");
    r.setBytesSkipped(Math.max(0, unread));
    return r;
  }

  /**
   * `archive-limit` when the file hit the decompression cap, `corrupt` for damage the reader met (I/O and XML
   * errors, wrapped or not), and `<reader>:error` for anything else: a programming error.
   */
  private String reason(Throwable e) {
    boolean damage = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ArchiveLimitException) return ArchiveLimitException.REASON;
      damage |= t instanceof IOException || t instanceof XMLStreamException;
    }
    return damage ? "corrupt" : readerName + ":error";
  }

  private ReadRecord reject(String reason, String details) {
    Provenance prov = new Provenance(file.path(), -1, "#" + reason + "@" + yielded);
    // Keyed by file name, not path: the same corpus read from file://, hdfs:// or s3a:// keeps its ids.
    Document doc = new Document(Documents.stableId(source, file.name() + "#" + reason + "@" + yielded), source,
        null, null, null, prov);
    return ReadRecord.rejected(doc, reason, details);
  }
}
