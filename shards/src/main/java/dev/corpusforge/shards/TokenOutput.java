package dev.corpusforge.shards;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian, buffered token and integer output onto any stream (a local file, HDFS, S3). */
final class TokenOutput {
  private final OutputStream out;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long written;

  TokenOutput(OutputStream out) { this.out = out; }

  private void room(int bytes) throws IOException {
    if (buf.remaining() < bytes) flush();
  }

  void token(TokenDType dtype, int token) throws IOException { room(8); dtype.put(buf, token); }
  void bytes(byte[] b) throws IOException { room(b.length); buf.put(b); }
  void int8(int v) throws IOException { room(1); buf.put((byte) v); }
  void int32(int v) throws IOException { room(4); buf.putInt(v); }
  void int64(long v) throws IOException { room(8); buf.putLong(v); }

  /** Bytes handed to the stream so far plus those still buffered. */
  long position() { return written + buf.position(); }

  void flush() throws IOException {
    out.write(buf.array(), 0, buf.position());
    written += buf.position();
    buf.clear();
  }

  void close() throws IOException {
    flush();
    out.close();
  }
}
