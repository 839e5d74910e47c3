package dev.corpusforge.fasttext;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the little-endian primitives of a fastText model file (x86 byte order, as fastText writes it). */
final class LittleEndianInput {
  private final InputStream in;
  private final byte[] scratch = new byte[1 << 16];
  private final ByteBuffer buf = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);

  LittleEndianInput(InputStream in) {
    this.in = in;
  }

  private void fill(int n) throws IOException {
    int off = 0;
    while (off < n) {
      int r = in.read(scratch, off, n - off);
      if (r < 0) throw new EOFException("fastText model ends early");
      off += r;
    }
    buf.clear();
  }

  byte readByte() throws IOException {
    fill(1);
    return scratch[0];
  }

  boolean readBool() throws IOException {
    return readByte() != 0;
  }

  int readInt() throws IOException {
    fill(4);
    return buf.getInt(0);
  }

  long readLong() throws IOException {
    fill(8);
    return buf.getLong(0);
  }

  double readDouble() throws IOException {
    fill(8);
    return buf.getDouble(0);
  }

  /** A NUL-terminated byte string (a dictionary entry). */
  byte[] readCString() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16);
    for (int c = in.read(); c != 0; c = in.read()) {
      if (c < 0) throw new EOFException("fastText model ends inside a dictionary word");
      out.write(c);
    }
    return out.toByteArray();
  }

  void readBytes(byte[] into) throws IOException {
    int off = 0;
    while (off < into.length) {
      int r = in.read(into, off, into.length - off);
      if (r < 0) throw new EOFException("fastText model ends early");
      off += r;
    }
  }

  void readFloats(float[] into) throws IOException {
    int chunk = scratch.length / 4;
    for (int off = 0; off < into.length; off += chunk) {
      int n = Math.min(chunk, into.length - off);
      fill(n * 4);
      buf.asFloatBuffer().get(into, off, n);
    }
  }

  static int checkedSize(long m, long n, String what) {
    long size = m * n;
    if (m < 0 || n < 0 || size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("fastText " + what + " of " + m + " x " + n + " is too large for this reader");
    }
    return (int) size;
  }
}
