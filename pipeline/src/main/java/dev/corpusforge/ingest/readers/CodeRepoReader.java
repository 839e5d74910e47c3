package dev.corpusforge.ingest.readers;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.ingest.archive.DirectoryEntries;
import dev.corpusforge.ingest.archive.SafeArchive;
import dev.corpusforge.ingest.code.CodeFileChecks;
import dev.corpusforge.ingest.code.Languages;
import dev.corpusforge.io.ArchiveLimitException;
import dev.corpusforge.io.LookAhead;
import dev.corpusforge.stage.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Source code repositories: a directory, a {@code .tar.gz}/{@code .tgz}/{@code .tar} or a {@code .zip} archive, one
 * document per source file, streamed entry by entry. Every entry is a record: kept, or rejected as
 * {@code hostile-path}, {@code code:vendored}, {@code code:unknown-extension}, {@code code:oversize},
 * {@code code:binary}, {@code code:minified} or {@code empty}; a damaged zip entry or tar region is one
 * {@code corrupt} reject with its bytes, and reading goes on after it; an archive that decompresses past
 * {@code ingest.maxArchiveBytes} ends with one {@code archive-limit} reject.
 *
 * <p>A directory met in the inputs is one repository when it contains {@code .git}, or when it holds no archive and
 * no sub-folder with {@code .git}; otherwise it is a folder of inputs (archives, repositories) to look into.
 */
public final class CodeRepoReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  public static final String SOURCE = "code";

  private final IngestConfig limits;

  public CodeRepoReader(IngestConfig limits) {
    this.limits = limits;
  }

  @Override public boolean isUnit(Path dir, FileSystem fs) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    for (FileStatus c : children) {
      if (c.getPath().getName().equals(".git")) return true;
    }
    for (FileStatus c : children) {
      if (c.isFile() && SafeArchive.isArchive(c.getPath().getName())) return false;
      if (c.isDirectory() && fs.exists(new Path(c.getPath(), ".git"))) return false;
    }
    return true;
  }

  /** The files of one repository, whatever holds them. */
  private interface Entries extends Closeable {
    /** The next entry's name and hostility, or null at the end. */
    SafeArchive.Entry next() throws IOException;

    /** The current entry's bytes, at most cap + 1. */
    byte[] read(long cap) throws IOException;

    /** Whether the next entry can be read after this one's data was damaged (zip, directory; not a tar stream). */
    boolean entriesIndependent();
  }

  @Override public Iterator<ReadRecord> read(InputFile file) throws IOException {
    if (file.length() == 0) return java.util.Collections.emptyIterator(); // counted as empty-file
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(file.conf().get());
    String lower = file.name().toLowerCase(Locale.ROOT);
    Entries entries;
    String repo;
    if (fs.getFileStatus(path).isDirectory()) {
      repo = file.name();
      entries = directory(fs, path);
    } else if (lower.endsWith(".zip")) {
      repo = strip(file.name(), ".zip");
      entries = archive(SafeArchive.zip(file.open(), file.length(), file.decompressionBudget()));
    } else if (SafeArchive.isArchive(lower)) {
      repo = strip(strip(strip(strip(file.name(), ".gz"), ".bz2"), ".tar"), ".tgz");
      entries = archive(SafeArchive.tar(file.openDecompressed()));
    } else {
      // A loose file among the inputs: a one-file repository named after its folder.
      repo = path.getParent() == null ? "" : path.getParent().getName();
      entries = single(file);
    }
    return new Records(file, repo, entries);
  }

  private final class Records extends LookAhead<ReadRecord> {
    private final InputFile file;
    private final String repo;
    private final Entries entries;

    Records(InputFile file, String repo, Entries entries) {
      this.file = file;
      this.repo = repo;
      this.entries = entries;
    }

    private boolean done;

    @Override protected ReadRecord read() {
      if (done) return null;
      try {
        SafeArchive.Entry e = entries.next();
        if (e == null) {
          finish();
          return null;
        }
        return record(e);
      } catch (ArchiveLimitException e) {
        finish();
        return ReadRecord.rejected(document("#archive-limit"), "archive-limit", "{\"error\":" + Json.quote(e.getMessage()) + "}");
      } catch (IOException e) {
        finish();
        throw new UncheckedIOException(file.path() + ": unreadable archive (truncated or corrupt): " + e, e);
      }
    }

    private void finish() {
      done = true;
      try {
        entries.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private ReadRecord record(SafeArchive.Entry e) throws IOException {
      Document doc = document(e.name);
      if (e.damage != null) {
        // A damaged tar region: reading goes on at the next valid header, so it costs only the bytes it covers.
        ReadRecord r = ReadRecord.rejected(doc, "corrupt", "{\"offset\":" + e.offset + ",\"bytes_skipped\":"
            + e.storedSize + ",\"error\":" + Json.quote(e.damage) + "}");
        r.setBytesSkipped(e.storedSize);
        return r;
      }
      if (e.hostile != null) {
        return ReadRecord.rejected(doc, "hostile-path", "{\"why\":" + Json.quote(e.hostile) + "}");
      }
      if (CodeFileChecks.isVendored(e.name)) return ReadRecord.rejected(doc, "code:vendored", null);
      String language = Languages.of(e.name);
      if (language == null) return ReadRecord.rejected(doc, "code:unknown-extension", null);
      doc.putMetadata("language", language);
      if (e.declaredSize > limits.maxCodeFileBytes) return oversize(doc, e.declaredSize);
      byte[] bytes;
      try {
        bytes = entries.read(limits.maxCodeFileBytes);
      } catch (ArchiveLimitException x) {
        throw x;
      } catch (IOException x) {
        if (!entries.entriesIndependent()) throw x;
        // A damaged entry in a zip costs only itself: the central directory says where the next one is.
        ReadRecord r = ReadRecord.rejected(doc, "corrupt", "{\"entry\":" + Json.quote(e.name) + ",\"bytes_skipped\":"
            + e.storedSize + ",\"error\":" + Json.quote(x.toString()) + "}");
        r.setBytesSkipped(Math.max(0, e.storedSize));
        return r;
      }
      if (bytes.length > limits.maxCodeFileBytes) return oversize(doc, bytes.length);
      doc.putMetadata("bytes", Integer.toString(bytes.length));
      String text = CodeFileChecks.decodeText(bytes);
      if (text == null) return ReadRecord.rejected(doc, "code:binary", null);
      if (text.isBlank()) return ReadRecord.rejected(doc, "empty", null);
      String minified = CodeFileChecks.minified(e.name, text);
      if (minified != null) return ReadRecord.rejected(doc, "code:minified", minified);
      doc.setText(text);
      return ReadRecord.kept(doc);
    }

    private ReadRecord oversize(Document doc, long bytes) {
      return ReadRecord.rejected(doc, "code:oversize", "{\"bytes_at_least\":" + bytes + ",\"limit\":" + limits.maxCodeFileBytes + "}");
    }

    private Document document(String entry) {
      Document doc = new Document(Documents.stableId(SOURCE, repo + "/" + entry), SOURCE, repo + "/" + entry, null,
          null, new Provenance(file.path(), -1, entry));
      doc.putMetadata("repo", repo);
      doc.putMetadata("path", entry);
      return doc;
    }
  }

  private static Entries archive(SafeArchive a) {
    return new Entries() {
      @Override public SafeArchive.Entry next() throws IOException { return a.next(); }
      @Override public byte[] read(long cap) throws IOException { return a.read(cap); }
      @Override public boolean entriesIndependent() { return a.entriesIndependent(); }
      @Override public void close() throws IOException { a.close(); }
    };
  }

  private static Entries directory(FileSystem fs, Path dir) throws IOException {
    DirectoryEntries files = new DirectoryEntries(fs, dir);
    return new Entries() {
      private DirectoryEntries.File current;

      @Override public SafeArchive.Entry next() {
        if (!files.hasNext()) return null;
        current = files.next();
        return new SafeArchive.Entry(current.name, current.hostile, current.status.getLen());
      }

      @Override public byte[] read(long cap) throws IOException {
        try (InputStream in = fs.open(current.status.getPath())) {
          return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        }
      }

      @Override public boolean entriesIndependent() { return true; }

      @Override public void close() {}
    };
  }

  private static Entries single(InputFile file) {
    return new Entries() {
      private boolean given;

      @Override public SafeArchive.Entry next() {
        if (given) return null;
        given = true;
        return new SafeArchive.Entry(file.name(), null, file.length());
      }

      @Override public byte[] read(long cap) throws IOException {
        try (InputStream in = file.open()) {
          return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        }
      }

      @Override public boolean entriesIndependent() { return false; }

      @Override public void close() {}
    };
  }

  private static String strip(String name, String ext) {
    return name.toLowerCase(Locale.ROOT).endsWith(ext) ? name.substring(0, name.length() - ext.length()) : name;
  }
}
