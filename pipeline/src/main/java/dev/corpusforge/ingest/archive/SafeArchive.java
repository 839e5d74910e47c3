package dev.corpusforge.ingest.archive;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Streams the entries of a tar or zip archive without ever extracting to disk. Entries that would escape the archive
 * (a {@code ..} segment, an absolute path, a symbolic or hard link) are flagged as hostile and never read; every byte
 * decompressed, skipped entries included, counts against a limit, so a zip or gzip bomb stops at
 * {@link ArchiveLimitException} instead of filling an executor.
 */
public final class SafeArchive implements Closeable {

  /** Thrown once the decompressed bytes of one archive pass the configured limit. */
  public static final class ArchiveLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    ArchiveLimitException(long limit) {
      super("more than " + limit + " decompressed bytes (ingest.maxArchiveBytes)");
    }
  }

  /** One file entry: its name with any leading "./" removed, and why it is hostile (null when it is not). */
  public static final class Entry {
    public final String name;
    public final String hostile;
    public final long declaredSize;

    public Entry(String name, String hostile, long declaredSize) {
      this.name = name;
      this.hostile = hostile;
      this.declaredSize = declaredSize;
    }
  }

  private final ArchiveInputStream<? extends ArchiveEntry> archive;
  private final long limit;
  private final byte[] buffer = new byte[1 << 16];
  private long total;
  private boolean unread;

  private SafeArchive(ArchiveInputStream<? extends ArchiveEntry> archive, long limit) {
    this.archive = archive;
    this.limit = limit;
  }

  /** Whether a file name is an archive this class reads: .tar.gz, .tgz, .tar (and .tar.bz2), .zip. */
  public static boolean isArchive(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".tar.gz") || p.endsWith(".tgz") || p.endsWith(".tar") || p.endsWith(".tar.bz2") || p.endsWith(".zip");
  }

  /** A tar stream, already decompressed. */
  public static SafeArchive tar(InputStream decompressed, long limit) {
    return new SafeArchive(new TarArchiveInputStream(decompressed), limit);
  }

  /** A zip stream, read sequentially (no random access needed, so it works on any Hadoop file system). */
  public static SafeArchive zip(InputStream raw, long limit) {
    return new SafeArchive(new ZipArchiveInputStream(raw, "UTF-8", true, true), limit);
  }

  /** Whether a decompressed stream starts with a tar header ("ustar" at byte 257); the stream must support mark. */
  public static boolean looksLikeTar(InputStream in) throws IOException {
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    return head.length == 512 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
  }

  /** The next file entry (directories are passed over), or null at the end. */
  public Entry next() throws IOException {
    while (true) {
      if (unread) drain();
      ArchiveEntry e = archive.getNextEntry();
      if (e == null) return null;
      if (e.isDirectory()) continue;
      unread = true;
      String raw = e.getName();
      return new Entry(normalize(raw), hostile(e, raw), e.getSize());
    }
  }

  /** The current entry's bytes, at most {@code cap + 1} of them (so a caller sees that it was larger than cap). */
  public byte[] read(long cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long want = cap + 1;
    int n;
    while (want > 0 && (n = archive.read(buffer, 0, (int) Math.min(buffer.length, want))) > 0) {
      count(n);
      out.write(buffer, 0, n);
      want -= n;
    }
    return out.toByteArray();
  }

  /** Decompressed bytes so far. */
  public long bytesRead() { return total; }

  private void drain() throws IOException {
    int n;
    while ((n = archive.read(buffer, 0, buffer.length)) > 0) count(n);
    unread = false;
  }

  private void count(int n) throws ArchiveLimitException {
    total += n;
    if (total > limit) throw new ArchiveLimitException(limit);
  }

  static String normalize(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./")) n = n.substring(2);
    return n;
  }

  /** Why an entry must not be read: it names a place outside the archive or a link to one. */
  static String hostile(ArchiveEntry e, String raw) {
    if (e instanceof TarArchiveEntry) {
      TarArchiveEntry t = (TarArchiveEntry) e;
      if (t.isSymbolicLink()) return "symlink";
      if (t.isLink()) return "hardlink";
      if (!t.isFile()) return "special-file";
    }
    if (e instanceof ZipArchiveEntry && ((ZipArchiveEntry) e).isUnixSymlink()) return "symlink";
    String n = raw.replace('\\', '/');
    if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) return "absolute-path";
    for (String seg : n.split("/")) {
      if (seg.equals("..")) return "parent-segment";
    }
    if (n.indexOf('\0') >= 0) return "nul-in-name";
    return null;
  }

  @Override public void close() throws IOException {
    archive.close();
  }
}
