package dev.corpusforge.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Multi-member gzip (RFC 1952), decompressed member after member, remembering where each member starts in the
 * compressed file. A WARC.gz holds one record per member, and the member's compressed offset is the record's address
 * (what CDX indexes and {@code provenance.offset} hold); {@link #memberStart} maps a decompressed position back to it.
 * Every member's CRC and length are checked; a cut member or bytes that are not a member fail with an IOException
 * that names the member's offset.
 */
public final class GzipMembers extends InputStream {
  /** Members remembered between two lookups; past this the lookup answers an earlier member of the same file. */
  private static final int MAX_PENDING_MEMBERS = 1 << 20;

  private final InputStream raw;
  private final byte[] buf = new byte[1 << 16];
  private final byte[] one = new byte[1];
  private int pos;
  private int lim;
  /** Compressed offset of buf[0]. */
  private long bufStart;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private boolean inMember;
  private boolean eof;
  private long memberOffset;
  private long memberBytes;
  private long produced;
  private long[] starts = new long[64];
  private long[] outputs = new long[64];
  private int first;
  private int count;

  public GzipMembers(InputStream raw) {
    this.raw = raw;
  }

  /** Whether {@code head} (the first two bytes of a file) is a gzip magic number. */
  public static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
  }

  /**
   * The compressed offset of the member holding decompressed position {@code position}. Positions asked for must not
   * go down: members before the answer are forgotten.
   */
  public long memberStart(long position) {
    while (count >= 2 && outputs[first + 1] <= position) {
      first++;
      count--;
    }
    return count == 0 ? 0 : starts[first];
  }

  @Override public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (!eof) {
      if (!inMember && !startMember()) {
        eof = true;
        break;
      }
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException("gzip member at offset " + memberOffset + ": " + e.getMessage());
      }
      pos = lim - inflater.getRemaining();
      if (n > 0) {
        crc.update(b, off, n);
        memberBytes += n;
        produced += n;
        return n;
      }
      if (inflater.finished()) {
        endMember();
      } else if (inflater.needsInput()) {
        if (!fill()) throw new EOFException("gzip member at offset " + memberOffset + " is cut off");
        inflater.setInput(buf, pos, lim - pos);
      } else if (inflater.needsDictionary()) {
        throw new ZipException("gzip member at offset " + memberOffset + " needs a preset dictionary");
      }
    }
    return -1;
  }

  /** Reads the next member's header; false at the end of the file. */
  private boolean startMember() throws IOException {
    memberOffset = bufStart + pos;
    int id1 = next();
    if (id1 < 0) return false;
    if (id1 != 0x1F || need() != 0x8B || need() != 8) {
      throw new ZipException("not a gzip member at offset " + memberOffset);
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
    remember(memberOffset, produced);
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
      throw new ZipException("gzip member at offset " + memberOffset + ": CRC or length does not match its trailer");
    }
    inMember = false;
  }

  private long trailerInt() throws IOException {
    return need() | (long) need() << 8 | (long) need() << 16 | (long) need() << 24;
  }

  private void remember(long start, long output) {
    if (count == MAX_PENDING_MEMBERS) return;
    if (first + count == starts.length) {
      if (first > 0) {
        System.arraycopy(starts, first, starts, 0, count);
        System.arraycopy(outputs, first, outputs, 0, count);
        first = 0;
      } else {
        starts = java.util.Arrays.copyOf(starts, starts.length * 2);
        outputs = java.util.Arrays.copyOf(outputs, outputs.length * 2);
      }
    }
    starts[first + count] = start;
    outputs[first + count] = output;
    count++;
  }

  /** A header or trailer byte; the member is cut off if there is none. */
  private int need() throws IOException {
    int b = next();
    if (b < 0) throw new EOFException("gzip member at offset " + memberOffset + " is cut off");
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
