package dev.corpusforge.ingest.archive;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import dev.corpusforge.io.DecompressionBudget;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads the entries of a tar stream or a zip file without ever extracting to disk. Entries that would escape the archive
 * (a {@code ..} segment, an absolute path, a symbolic or hard link) are flagged as hostile and never read. Every byte
 * decompressed, skipped tar entries included, counts against the input file's {@link DecompressionBudget}, so a zip or
 * gzip bomb stops at {@code ArchiveLimitException} instead of filling an executor.
 *
 * <p>A damaged tar header (a checksum that does not verify, a field that does not parse, an end-of-archive block
 * followed by more entries) costs only the region it spoils: the stream is scanned forward at 512-byte boundaries to
 * the next valid ustar header, the region is handed out as one {@link Entry#damage damaged} entry with its size, and
 * reading goes on there. When no header follows, the damaged entry covers the rest of the stream.
 */
public final class SafeArchive implements Closeable {

  /** One file entry: its name with any leading "./" removed, and why it is hostile (null when it is not). */
  public static final class Entry {
    public final String name;
    public final String hostile;
    public final long declaredSize;
    /** Bytes the entry takes in the archive (compressed, for a zip): what a damaged entry skips. */
    public final long storedSize;
    /** For a damaged region of a tar stream (no entry): what was wrong; null for an entry. */
    public final String damage;
    /** Where a damaged region starts in the decompressed tar stream; -1 for an entry. */
    public final long offset;

    public Entry(String name, String hostile, long declaredSize) {
      this(name, hostile, declaredSize, declaredSize);
    }

    Entry(String name, String hostile, long declaredSize, long storedSize) {
      this(name, hostile, declaredSize, storedSize, null, -1);
    }

    private Entry(String name, String hostile, long declaredSize, long storedSize, String damage, long offset) {
      this.name = name;
      this.hostile = hostile;
      this.declaredSize = declaredSize;
      this.storedSize = storedSize;
      this.damage = damage;
      this.offset = offset;
    }

    /** The {@code bytes} of a tar stream from {@code offset} that are no readable entry. */
    static Entry damaged(long offset, long bytes, String damage) {
      return new Entry("#corrupt@" + offset, null, 0, bytes, damage, offset);
    }
  }

  /** A tar stream (replaced by a fresh one after damage), or null for a zip. */
  private ArchiveInputStream<? extends ArchiveEntry> archive;
  private final TarBlocks blocks;
  /** Where the next tar header should start: the start of a damaged region. */
  private long nextHeaderAt;
  private boolean tarEnded;
  private final ZipFile zipFile;
  private final Iterator<ZipArchiveEntry> zipEntries;
  private final DecompressionBudget budget;
  private final byte[] buffer = new byte[1 << 16];
  private InputStream current;

  private SafeArchive(TarBlocks blocks) {
    this.blocks = blocks;
    this.archive = tarReader(blocks);
    this.zipFile = null;
    this.zipEntries = null;
    this.budget = null;
  }

  private SafeArchive(ZipFile zipFile, DecompressionBudget budget) {
    this.archive = null;
    this.blocks = null;
    this.zipFile = zipFile;
    this.zipEntries = Collections.list(zipFile.getEntriesInPhysicalOrder()).iterator();
    this.budget = budget;
  }

  /** Whether a file name is an archive this class reads: .tar.gz, .tgz, .tar (and .tar.bz2), .zip. */
  public static boolean isArchive(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".tar.gz") || p.endsWith(".tgz") || p.endsWith(".tar") || p.endsWith(".tar.bz2") || p.endsWith(".zip");
  }

  /** A tar stream, already decompressed (and counted: {@code InputFile.openDecompressed} caps it). */
  public static SafeArchive tar(InputStream decompressed) {
    return new SafeArchive(new TarBlocks(decompressed));
  }

  /**
   * Blocking factor 1: at its end-of-archive blocks the reader then skips nothing more, so entries after a stray
   * zero block can still be found.
   */
  @SuppressWarnings("deprecation")
  private static TarArchiveInputStream tarReader(TarBlocks blocks) {
    return new TarArchiveInputStream(blocks, TarBlocks.BLOCK, TarBlocks.BLOCK);
  }

  /**
   * A zip, read in place through its central directory: only there does a zip say which entries are symbolic links,
   * so a sequential read could not refuse them.
   */
  public static SafeArchive zip(FSDataInputStream in, long length, DecompressionBudget budget) throws IOException {
    HadoopSeekableChannel channel = new HadoopSeekableChannel(in, length);
    try {
      return new SafeArchive(ZipFile.builder().setSeekableByteChannel(channel).setCharset(StandardCharsets.UTF_8).get(), budget);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
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
      ArchiveEntry e;
      if (archive != null) {
        if (tarEnded) return null;
        long start = nextHeaderAt;
        try {
          e = archive.getNextEntry(); // skips the rest of the current entry, through the budget-counted stream
        } catch (IOException | IllegalArgumentException x) {
          if (blocks.broken()) throw x; // the stream failed (cut gzip, decompression cap), not a header
          return resync(start, "unreadable tar header: " + x.getMessage());
        }
        if (e == null) {
          // Two zero blocks end a tar; more entries after them mean the zero blocks were damage.
          if (blocks.lastBlockIsHeader()) blocks.unreadLast();
          else if (!blocks.seekHeader()) {
            tarEnded = true;
            return null;
          }
          return resynced(start, "end-of-archive blocks before more entries");
        }
        // Old GNU sparse entries end with extension blocks, not their header: nothing to verify there.
        boolean sparse = ((TarArchiveEntry) e).isOldGNUSparse();
        if (!sparse && !blocks.lastBlockIsHeader()) return resync(start, "tar header checksum does not verify");
        nextHeaderAt = blocks.position() + (e.getSize() + TarBlocks.BLOCK - 1) / TarBlocks.BLOCK * TarBlocks.BLOCK;
        current = archive;
      } else {
        if (current != null) current.close();
        e = zipEntries.hasNext() ? zipEntries.next() : null;
        current = null;
      }
      if (e == null) return null;
      if (e.isDirectory()) continue;
      String raw = e.getName();
      String hostile = hostile(e, raw);
      if (zipFile != null && hostile == null) current = budget.wrap(zipFile.getInputStream((ZipArchiveEntry) e));
      long stored = e instanceof ZipArchiveEntry ? ((ZipArchiveEntry) e).getCompressedSize() : e.getSize();
      return new Entry(normalize(raw), hostile, e.getSize(), stored);
    }
  }

  /** The damaged tar region from {@code start} to the next valid header, or to the end when there is none. */
  private Entry resync(long start, String why) throws IOException {
    if (blocks.seekHeader()) return resynced(start, why);
    tarEnded = true;
    return Entry.damaged(start, blocks.position() - start, why + "; no valid header after it");
  }

  /** Reading goes on at the header just found; the region before it is the damaged entry. */
  private Entry resynced(long start, String why) {
    nextHeaderAt = blocks.position();
    archive = tarReader(blocks);
    return Entry.damaged(start, nextHeaderAt - start, why);
  }

  /**
   * Whether reading can go on after one entry's data turned out damaged: in a zip, every entry is found through the
   * central directory; in a tar stream, the next header is wherever the damaged data ends.
   */
  public boolean entriesIndependent() {
    return zipFile != null;
  }

  /** The current entry's bytes, at most {@code cap + 1} of them (so a caller sees that it was larger than cap). */
  public byte[] read(long cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long want = cap + 1;
    int n;
    while (want > 0 && (n = current.read(buffer, 0, (int) Math.min(buffer.length, want))) > 0) {
      out.write(buffer, 0, n);
      want -= n;
    }
    return out.toByteArray();
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
    if (archive != null) archive.close();
    else zipFile.close();
  }
}
