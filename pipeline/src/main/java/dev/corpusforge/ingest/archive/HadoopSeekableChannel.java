package dev.corpusforge.ingest.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A read-only seekable channel over a Hadoop input stream, so that a zip's central directory (the only place that
 * says which entries are symbolic links) is read in place on HDFS or S3, without copying the archive to local disk.
 */
public final class HadoopSeekableChannel implements SeekableByteChannel {
  private final FSDataInputStream in;
  private final long size;
  private long position;
  private boolean open = true;

  public HadoopSeekableChannel(FSDataInputStream in, long size) {
    this.in = in;
    this.size = size;
  }

  @Override public int read(ByteBuffer dst) throws IOException {
    if (position >= size) return -1;
    int want = (int) Math.min(dst.remaining(), size - position);
    byte[] buf = new byte[Math.min(want, 1 << 16)];
    int n = in.read(position, buf, 0, buf.length);
    if (n <= 0) return -1;
    dst.put(buf, 0, n);
    position += n;
    return n;
  }

  @Override public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override public long position() { return position; }

  @Override public SeekableByteChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override public long size() { return size; }

  @Override public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override public boolean isOpen() { return open; }

  @Override public void close() throws IOException {
    open = false;
    in.close();
  }
}
