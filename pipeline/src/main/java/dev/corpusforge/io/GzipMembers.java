package dev.corpusforge.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.apache.hadoop.fs.Seekable;

/**
 * Multi-member gzip (RFC 1952), read one member at a time, knowing where each member starts in the compressed file.
 * A WARC.gz holds one record per member, and the member's compressed offset is the record's address (what CDX indexes
 * and {@code provenance.offset} hold). {@link #nextMember()} opens the next member; reads end (-1) at the member's
 * end, after its CRC and length were checked. A damaged member (bad header, deflate data, trailer, or cut off) fails
 * with {@link Damaged}; {@link #skipDamaged()} then finds the next member by its header bytes, so that one damaged
 * member costs only itself: gzip members are self-delimiting, so no length claimed inside a member is trusted.
 */
public final class GzipMembers extends InputStream {
  /** A damaged member: the file goes on at the next member, found by {@link #skipDamaged()}. */
  public static final class Damaged extends ZipException {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }

  private final InputStream raw;
  private final byte[] buf = new byte[1 << 16];
  private final byte[] one = new byte[1];
  private final byte[] drain = new byte[1 << 13];
  private int pos;
  private int lim;
  /** Compressed offset of buf[0]. */
  private long bufStart;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private boolean inMember;
  private long memberOffset;
  private long memberBytes;

  /** {@code raw} is the compressed file; only a {@link Seekable} one can go back to resynchronize after damage. */
  public GzipMembers(InputStream raw) {
    this.raw = raw;
  }

  /** Whether {@code head} (the first two bytes of a file) is a gzip magic number. */
  public static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
  }

  /** The compressed offset where the current member starts. */
  public long memberStart() {
    return memberOffset;
  }

  /**
   * Moves to the next member, skipping what is left of the current one; false at the end of the file. Throws
   * {@link Damaged} when the bytes there are not a gzip member header.
   */
  public boolean nextMember() throws IOException {
    if (inMember) {
      while (read(drain, 0, drain.length) >= 0) {
        // the rest of the current member, through its trailer check
      }
    }
    return startMember();
  }

  @Override public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (inMember) {
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw damaged(": " + e.getMessage());
      }
      pos = lim - inflater.getRemaining();
      if (n > 0) {
        crc.update(b, off, n);
        memberBytes += n;
        return n;
      }
      if (inflater.finished()) {
        endMember();
      } else if (inflater.needsInput()) {
        if (!fill()) throw damaged(" is cut off");
        inflater.setInput(buf, pos, lim - pos);
      } else if (inflater.needsDictionary()) {
        throw damaged(" needs a preset dictionary");
      }
    }
    return -1;
  }

  /**
   * After {@link Damaged}: moves to the first gzip member header after the damaged member's first byte (or to the end
   * of the file) and returns the compressed bytes passed over, the damaged member included. The next
   * {@link #nextMember()} opens the member found. A false match inside compressed data (about one in 2^27 positions)
   * fails as a damaged member in turn.
   */
  public long skipDamaged() throws IOException {
    long damagedStart = memberOffset;
    inMember = false;
    if (!(raw instanceof Seekable)) throw new IOException("cannot resynchronize: the gzip stream is not seekable");
    seek(damagedStart + 1);
    int b0 = -1, b1 = -1, b2 = -1;
    for (int b = next(); b >= 0; b = next()) {
      if (b0 == 0x1F && b1 == 0x8B && b2 == 8 && (b & 0xE0) == 0) {
        long start = bufStart + pos - 4;
        seek(start);
        return start - damagedStart;
      }
      b0 = b1;
      b1 = b2;
      b2 = b;
    }
    return bufStart + lim - damagedStart;
  }

  private void seek(long offset) throws IOException {
    ((Seekable) raw).seek(offset);
    bufStart = offset;
    pos = 0;
    lim = 0;
  }

  private Damaged damaged(String what) {
    return new Damaged("gzip member at offset " + memberOffset + what);
  }

  /** Reads the next member's header; false at the end of the file. */
  private boolean startMember() throws IOException {
    memberOffset = bufStart + pos;
    int id1 = next();
    if (id1 < 0) return false;
    if (id1 != 0x1F || need() != 0x8B || need() != 8) {
      throw new Damaged("not a gzip member at offset " + memberOffset);
    }
    int flags = need();
    for (int i = 0; i < 6; i++) need();
    if ((flags & 4) != 0) {
      int extra = need() | need() << 8;
      for (int i = 0; i < extra; i++) need();
    }
    if ((flags & 8) != 0) while (need() != 0) { /* file name */ }
    if ((flags & 16) != 0) while (need() != 0) { /* comment */ }
    if ((flags & 2) != 0) {
      need();
      need();
    }
    inflater.reset();
    crc.reset();
    memberBytes = 0;
    inflater.setInput(buf, pos, lim - pos);
    inMember = true;
    return true;
  }

  private void endMember() throws IOException {
    long expectedCrc = trailerInt();
    long expectedSize = trailerInt();
    if (expectedCrc != crc.getValue() || expectedSize != (memberBytes & 0xFFFFFFFFL)) {
      throw damaged(": CRC or length does not match its trailer");
    }
    inMember = false;
  }

  private long trailerInt() throws IOException {
    return need() | (long) need() << 8 | (long) need() << 16 | (long) need() << 24;
  }

  /** A header or trailer byte; the member is cut off if there is none. */
  private int need() throws IOException {
    int b = next();
    if (b < 0) throw damaged(" is cut off");
    return b;
  }

  private int next() throws IOException {
    if (pos == lim && !fill()) return -1;
    return buf[pos++] & 0xFF;
  }

  /** Refills the buffer once everything in it was consumed; false at the end of the file. */
  private boolean fill() throws IOException {
    bufStart += lim;
    pos = 0;
    lim = 0;
    int n = raw.read(buf, 0, buf.length);
    if (n <= 0) return false;
    lim = n;
    return true;
  }

  @Override public void close() throws IOException {
    inflater.end();
    raw.close();
  }
}
