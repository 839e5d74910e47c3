package dev.corpusforge.ingest.readers;

import dev.corpusforge.io.ArchiveLimitException;
import dev.corpusforge.io.DecompressionBudget;
import dev.corpusforge.io.GzipMembers;
import dev.corpusforge.io.LookAhead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Splits a web archive (WARC or ARC; plain, or gzip with a member per record or one for the whole file) into the byte
 * frames of its records, checking every claimed length against what follows it, so that damage costs only the record
 * it is in:
 * <ul>
 *   <li>a record's {@code Content-Length} is believed only if its block ends inside its gzip member and is followed by
 *       the record trailer and then the next record's header (or the end); otherwise the record is a {@link
 *       Kind#BAD_LENGTH} frame, and reading goes on at the next header line ({@code WARC/1.0}, {@code WARC/1.1} or an
 *       ARC header) found after the record's own header;</li>
 *   <li>a damaged gzip member (cut, bad deflate data, bad CRC) is a {@link Kind#DAMAGED} frame, and reading goes on at
 *       the next member, found by its header bytes ({@link GzipMembers#skipDamaged()});</li>
 *   <li>bytes that are not a record header are a {@link Kind#DAMAGED} frame up to the next header line.</li>
 * </ul>
 * A frame holds the record's header and block (at most {@code maxRecordBytes} of block; beyond that only the header,
 * as a {@link Kind#TOO_LARGE} frame whose block is skipped). A frame's bytes are valid until the next one is read.
 */
final class WarcFrames extends LookAhead<WarcFrames.Frame> {
  enum Kind { RECORD, TOO_LARGE, BAD_LENGTH, DAMAGED }

  static final class Frame {
    Kind kind;
    /** The record's address: its gzip member's compressed offset, or its byte offset in a plain archive. */
    long offset;
    /** Header, then block for {@link Kind#RECORD}; header only for the others; nothing for {@link Kind#DAMAGED}. */
    byte[] bytes;
    int length;
    long declaredLength;
    /** For BAD_LENGTH and DAMAGED: the bytes passed over, compressed for a damaged gzip member. */
    long bytesSkipped;
    String error;
  }

  /** Header blocks larger than this are not a record header (jwarc and Heritrix headers are a few hundred bytes). */
  private static final int MAX_HEADER_BYTES = 1 << 20;
  /** How far ahead a header line is looked for; ARC header lines hold a URL. */
  private static final int HEADER_LINE_PEEK = 8192;
  private static final byte[] WARC_MAGIC = "WARC/1.".getBytes(StandardCharsets.US_ASCII);
  /** ARC v1 and v2 header lines: URL, IP, 14-digit date, content type, [more fields], length. */
  private static final Pattern ARC_HEADER =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,20}:\\S* \\S+ \\d{14} \\S+(?: \\S+){0,6} \\d{1,19}\r?");

  private final GzipMembers members;
  private final InputStream plain;
  private final DecompressionBudget budget;
  private final long maxBlockBytes;
  private final Frame frame = new Frame();
  private byte[] fb = new byte[1 << 16];
  private int fbLen;

  private InputStream seg;
  /** Whether a segment (a gzip member, or the plain file) is being read. */
  private boolean inSegment;
  /** Whether the segment's stream has no more bytes (some may still be buffered). */
  private boolean segEnd;
  private boolean started;
  private byte[] rb = new byte[1 << 16];
  private int rpos;
  private int rlim;
  private long segPos;
  /** An archive-limit hit while skipping a too-large block: thrown after that record's reject was handed out. */
  private IOException deferred;
  /**
   * Damage met while reading ahead: the bytes before it are still framed, and the frame that needs bytes past it
   * (or the segment's end) reports it.
   */
  private GzipMembers.Damaged deferredDamage;

  /** {@code members} for a gzip archive (then {@code plain} is null), else the plain archive stream. */
  WarcFrames(GzipMembers members, InputStream plain, DecompressionBudget budget, long maxBlockBytes) {
    this.members = members;
    this.plain = plain;
    this.budget = budget;
    this.maxBlockBytes = maxBlockBytes;
  }

  @Override protected Frame read() {
    try {
      return readFrame();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Frame readFrame() throws IOException {
    if (deferred != null) throw deferred;
    while (true) {
      try {
        if (!inSegment && !nextSegment()) return null;
        Frame f = frameInSegment();
        if (f != null) return f;
        inSegment = false;
      } catch (GzipMembers.Damaged e) {
        long start = members.memberStart();
        long skipped = members.skipDamaged();
        inSegment = false;
        return damaged(start, skipped, e.getMessage());
      }
    }
  }

  private boolean nextSegment() throws IOException {
    rpos = 0;
    rlim = 0;
    segPos = 0;
    if (members == null) {
      if (started) return false;
      started = true;
      seg = budget.wrap(plain);
    } else {
      if (!members.nextMember()) return false;
      if (!started) seg = budget.wrap(members);
      started = true;
    }
    segEnd = false;
    inSegment = true;
    return true;
  }

  private long offset(long posInSegment) {
    return members == null ? posInSegment : members.memberStart();
  }

  /** The next frame in the current segment, or null at its end. */
  private Frame frameInSegment() throws IOException {
    skipNewlines();
    if (!ensure(1)) {
      throwDeferredDamage();
      return null;
    }
    long start = segPos;
    fbLen = 0;
    if (!atHeader()) {
      long skipped = scanToHeader();
      return damaged(offset(start), skipped, "no WARC or ARC record header at byte " + start);
    }
    long declared;
    if (isWarcAt(rb, rpos, rlim)) {
      declared = -1;
      while (true) {
        int n = readLineInto();
        if (n < 0) throwDeferredDamage();
        if (n < 0 || fbLen > MAX_HEADER_BYTES) {
          long skipped = segPos - start + scanToHeader();
          return damaged(offset(start), skipped, n < 0 ? "record cut off in its header" : "record header too long");
        }
        if (n <= 2 && (n == 1 || fb[fbLen - 2] == '\r')) break;
        if (declared < 0) declared = contentLength(fb, fbLen - n, fbLen);
      }
      if (declared < 0) {
        long skipped = segPos - start + scanToHeader();
        return damaged(offset(start), skipped, "record header without a valid Content-Length");
      }
    } else {
      int n = readLineInto();
      if (n < 0) {
        throwDeferredDamage();
        return damaged(offset(start), segPos - start, "record cut off in its header");
      }
      String line = new String(fb, fbLen - n, n, StandardCharsets.ISO_8859_1).strip();
      try {
        declared = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
      } catch (NumberFormatException e) {
        return damaged(offset(start), segPos - start + scanToHeader(), "ARC header length out of range");
      }
    }
    int headerLen = fbLen;
    Frame f = frame;
    f.offset = offset(start);
    f.bytes = fb;
    f.declaredLength = declared;
    f.error = null;
    f.bytesSkipped = 0;
    if (declared > maxBlockBytes) return tooLarge(f, start, headerLen, declared);
    int want = (int) declared;
    grow(headerLen + want);
    int got = readFully(fb, headerLen, want);
    fbLen = headerLen + got;
    f.bytes = fb; // grown for the block
    if (got < want) throwDeferredDamage();
    if (got == want && trailerThenHeader(isWarcAt(fb, 0, fbLen))) {
      f.kind = Kind.RECORD;
      f.length = fbLen;
      return f;
    }
    // The claimed block does not end where a record ends: resume at the first header after this record's own.
    f.kind = Kind.BAD_LENGTH;
    f.length = headerLen;
    f.error = got < want ? "Content-Length " + declared + " runs past the end of the " + (members == null ? "file" : "gzip member")
        : "Content-Length " + declared + " is not followed by the record trailer and a next record";
    int resume = firstHeaderIn(fb, headerLen, fbLen);
    if (resume >= 0) unread(fb, resume, fbLen - resume);
    else scanToHeader();
    f.bytesSkipped = segPos - start;
    return f;
  }

  /** A block over the record cap is skipped, not kept; the claim is still checked while skipping. */
  private Frame tooLarge(Frame f, long start, int headerLen, long declared) throws IOException {
    f.kind = Kind.TOO_LARGE;
    f.length = headerLen;
    try {
      long left = declared;
      while (left > 0 && ensure(1)) {
        int max = (int) Math.min(rlim - rpos, left);
        int nl = indexOfNewline(rb, rpos, rpos + max);
        int step = nl < 0 ? max : nl - rpos + 1;
        rpos += step;
        segPos += step;
        left -= step;
        // A header line inside the claimed block: the claim swallowed the records after it.
        if (nl >= 0 && left > 0 && ensure(1) && atHeader()) break;
      }
      if (left > 0) {
        if (!ensure(1)) throwDeferredDamage();
        f.kind = Kind.BAD_LENGTH;
        f.error = "Content-Length " + declared + (ensure(1) ? " covers the header of a next record"
            : " runs past the end of the " + (members == null ? "file" : "gzip member"));
        f.bytesSkipped = segPos - start;
      }
    } catch (ArchiveLimitException e) {
      deferred = e;
    }
    return f;
  }

  private Frame damaged(long offset, long skipped, String error) {
    Frame f = frame;
    f.kind = Kind.DAMAGED;
    f.offset = offset;
    f.bytes = fb;
    f.length = 0;
    f.declaredLength = -1;
    f.bytesSkipped = skipped;
    f.error = error;
    return f;
  }

  /**
   * Whether the block just read ends where its record ends: the trailer follows (CRLF CRLF for WARC, LF for ARC), or
   * line ends and then a record header, or the end of the segment. The trailer is consumed only when that holds.
   */
  private boolean trailerThenHeader(boolean warc) throws IOException {
    ensure(4 + HEADER_LINE_PEEK);
    if (rpos == rlim) {
      // A damaged member that ends right after the block: its CRC or length check covers this record.
      throwDeferredDamage();
      return true;
    }
    int k = 0;
    while (k < 4 && rpos + k < rlim && (rb[rpos + k] == '\r' || rb[rpos + k] == '\n')) k++;
    boolean trailer = warc ? k == 4 && rb[rpos] == '\r' && rb[rpos + 1] == '\n' && rb[rpos + 2] == '\r' : k >= 1;
    boolean ok = trailer || rpos + k == rlim && segEnd
        || k > 0 && isHeaderAt(rb, rpos + k, rlim, lineEnd(rb, rpos + k, rlim));
    if (ok) {
      rpos += k;
      segPos += k;
    }
    return ok;
  }

  private void throwDeferredDamage() throws GzipMembers.Damaged {
    if (deferredDamage != null) {
      GzipMembers.Damaged d = deferredDamage;
      deferredDamage = null;
      throw d;
    }
  }

  private void skipNewlines() throws IOException {
    while (ensure(1) && (rb[rpos] == '\r' || rb[rpos] == '\n')) {
      rpos++;
      segPos++;
    }
  }

  /** Skips to the next line that is a record header (left unread), or to the segment's end; returns bytes skipped. */
  private long scanToHeader() throws IOException {
    long from = segPos;
    boolean lineStart = false;
    while (ensure(1)) {
      if (lineStart && atHeader()) break;
      lineStart = rb[rpos] == '\n';
      rpos++;
      segPos++;
    }
    // Damage that ends the segment covers the region skipped up to it: one reject, not two.
    if (!ensure(1)) throwDeferredDamage();
    return segPos - from;
  }

  /** Index of the first header line in {@code a[from, to)} that starts after a line end, or -1. */
  private static int firstHeaderIn(byte[] a, int from, int to) {
    for (int i = Math.max(from, 1); i < to; i++) {
      if (a[i - 1] == '\n' && isHeaderAt(a, i, to, lineEnd(a, i, to))) return i;
    }
    return -1;
  }

  /** Whether the bytes to be read next start a record header line. */
  private boolean atHeader() throws IOException {
    ensure(HEADER_LINE_PEEK);
    return isHeaderAt(rb, rpos, rlim, lineEnd(rb, rpos, rlim));
  }

  private static int indexOfNewline(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) if (a[i] == '\n') return i;
    return -1;
  }

  private static int lineEnd(byte[] a, int from, int to) {
    int max = Math.min(to, from + HEADER_LINE_PEEK);
    for (int i = from; i < max; i++) if (a[i] == '\n') return i;
    return max;
  }

  /** Whether a[i..] starts a WARC version line: "WARC/1.0" or "WARC/1.1" and a line end. */
  private static boolean isWarcAt(byte[] a, int i, int to) {
    if (to - i < WARC_MAGIC.length + 2 || !Arrays.equals(a, i, i + WARC_MAGIC.length, WARC_MAGIC, 0, WARC_MAGIC.length)) {
      return false;
    }
    byte minor = a[i + WARC_MAGIC.length];
    byte after = a[i + WARC_MAGIC.length + 1];
    return (minor == '0' || minor == '1') && (after == '\r' || after == '\n');
  }

  /** Whether a[i..] starts a WARC version line or an ARC header line ending at {@code end}. */
  static boolean isHeaderAt(byte[] a, int i, int to, int end) {
    if (isWarcAt(a, i, to)) return true;
    if (end >= to || a[i] < 'A' || a[i] > 'z') return false;
    return ARC_HEADER.matcher(new String(a, i, end - i, StandardCharsets.ISO_8859_1)).matches();
  }

  /** The value of a "Content-Length:" header line in fb[from, to), or -1 if the line is another header. */
  private static long contentLength(byte[] a, int from, int to) {
    String line = new String(a, from, to - from, StandardCharsets.ISO_8859_1);
    int colon = line.indexOf(':');
    if (colon < 0 || !line.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) return -1;
    try {
      long v = Long.parseLong(line.substring(colon + 1).strip());
      return v < 0 ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Appends one line (through its '\n') to fb; its length, or -1 if the segment ends first. */
  private int readLineInto() throws IOException {
    int from = fbLen;
    while (ensure(1)) {
      byte b = rb[rpos++];
      segPos++;
      grow(fbLen + 1);
      fb[fbLen++] = b;
      if (b == '\n') return fbLen - from;
      if (fbLen > MAX_HEADER_BYTES) return fbLen - from;
    }
    return -1;
  }

  private int readFully(byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len && ensure(1)) {
      int n = Math.min(len - done, rlim - rpos);
      System.arraycopy(rb, rpos, dst, off + done, n);
      rpos += n;
      segPos += n;
      done += n;
    }
    return done;
  }

  private void grow(int size) {
    if (size > fb.length) fb = Arrays.copyOf(fb, Math.max(size, (int) Math.min(Integer.MAX_VALUE - 8, fb.length * 2L)));
  }

  /** Makes at least n bytes available in rb (fewer only at the segment's end); whether n are available. */
  private boolean ensure(int n) throws IOException {
    while (rlim - rpos < n && !segEnd) {
      if (rb.length - rpos < n || rlim == rb.length) {
        byte[] to = rb.length > (1 << 16) && rlim - rpos < (1 << 15) ? new byte[1 << 16] : rb;
        System.arraycopy(rb, rpos, to, 0, rlim - rpos);
        rlim -= rpos;
        rpos = 0;
        rb = to;
      }
      int r;
      try {
        r = seg.read(rb, rlim, rb.length - rlim);
      } catch (GzipMembers.Damaged e) {
        deferredDamage = e;
        r = -1;
      }
      if (r < 0) segEnd = true;
      else rlim += r;
    }
    return rlim - rpos >= n;
  }

  /** Puts bytes back in front of what is still to be read (only after damage, to resume at a header found in them). */
  private void unread(byte[] src, int off, int len) {
    byte[] to = new byte[Math.max(1 << 16, len + rlim - rpos)];
    System.arraycopy(src, off, to, 0, len);
    System.arraycopy(rb, rpos, to, len, rlim - rpos);
    rlim = len + rlim - rpos;
    rpos = 0;
    rb = to;
    segPos -= len;
  }
}
