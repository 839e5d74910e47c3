package dev.corpusforge.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines in bounded memory: a line longer than the limit is skipped to its end and reported
 * as too long instead of being buffered, and invalid UTF-8 is replaced by U+FFFD and counted, never silently.
 */
public final class LineRecords extends LookAhead<LineRecords.Line> {
  /** One line: its text (null when too long), 1-based number, byte offset in the stream, invalid UTF-8 replaced. */
  public static final class Line {
    public String text;
    public long number;
    public long offset;
    public long bytes;
    public boolean tooLong;
    /** Malformed UTF-8 sequences in the line, each replaced by U+FFFD in {@link #text}. */
    public int invalidUtf8;
  }

  private final InputStream in;
  private final long maxBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long streamPos;
  private long number;
  private byte[] line = new byte[1 << 12];

  public LineRecords(InputStream in, long maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  @Override protected Line read() {
    try {
      long start = streamPos;
      int len = 0;
      long total = 0;
      boolean sawAny = false;
      while (true) {
        if (pos == limit) {
          limit = in.read(buf, 0, buf.length);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            in.close();
            if (!sawAny) return null;
            break;
          }
        }
        sawAny = true;
        byte b = buf[pos++];
        streamPos++;
        if (b == '\n') break;
        total++;
        if (total <= maxBytes) {
          if (len == line.length) line = java.util.Arrays.copyOf(line, (int) Math.min(Integer.MAX_VALUE - 8, (long) len * 2));
          line[len++] = b;
        }
      }
      Line l = new Line();
      l.number = ++number;
      l.offset = start;
      l.bytes = total;
      if (total > maxBytes) {
        l.tooLong = true;
        return l;
      }
      if (len > 0 && line[len - 1] == '\r') len--;
      InvalidCodePoints.Decoded text = InvalidCodePoints.decodeUtf8(line, 0, len, utf8);
      l.text = text.text;
      l.invalidUtf8 = text.replaced;
      if (line.length > (1 << 20)) line = new byte[1 << 12];
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
