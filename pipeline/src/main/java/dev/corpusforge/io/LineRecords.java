package dev.corpusforge.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits a byte stream into lines in bounded memory: a line longer than the limit is skipped to its end and reported
 * as too long instead of being buffered, and invalid UTF-8 is reported rather than silently replaced.
 */
public final class LineRecords implements Iterator<LineRecords.Line> {
  /** One line: its text (null when too long or not UTF-8), 1-based number, and byte offset in the stream. */
  public static final class Line {
    public String text;
    public long number;
    public long offset;
    public long bytes;
    public boolean tooLong;
    public boolean invalidUtf8;
  }

  private final InputStream in;
  private final long maxBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long streamPos;
  private long number;
  private boolean eof;
  private Line next;
  private byte[] line = new byte[1 << 12];

  public LineRecords(InputStream in, long maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  @Override public boolean hasNext() {
    if (next == null && !eof) next = readLine();
    return next != null;
  }

  @Override public Line next() {
    if (!hasNext()) throw new NoSuchElementException();
    Line l = next;
    next = null;
    return l;
  }

  private Line readLine() {
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
            eof = true;
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
      try {
        l.text = utf8.decode(ByteBuffer.wrap(line, 0, len)).toString();
      } catch (CharacterCodingException e) {
        l.invalidUtf8 = true;
      }
      if (line.length > (1 << 20)) line = new byte[1 << 12];
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
