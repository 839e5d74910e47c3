package dev.corpusforge.shards;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, little-endian memory map of a whole file of any size. Java maps at most 2 GB per buffer, so the file is
 * mapped in 1 GB segments that overlap by 8 bytes: any value of up to 8 bytes lies wholly inside one segment.
 */
final class MappedFile implements Closeable {
  private static final int SHIFT = 30;
  private static final long MASK = (1L << SHIFT) - 1;
  private static final int OVERLAP = 8;

  private final Path path;
  private final long size;
  private final MappedByteBuffer[] segments;

  MappedFile(Path path) throws IOException {
    this.path = path;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      size = ch.size();
      int n = (int) Math.max(1, (size + MASK) >>> SHIFT);
      segments = new MappedByteBuffer[n];
      for (int i = 0; i < n; i++) {
        long start = (long) i << SHIFT;
        long len = Math.min(size - start, (1L << SHIFT) + OVERLAP);
        segments[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, len));
        segments[i].order(ByteOrder.LITTLE_ENDIAN);
      }
    }
  }

  Path path() { return path; }
  long size() { return size; }

  private void check(long pos, int bytes) {
    if (pos < 0 || pos + bytes > size) {
      throw new IndexOutOfBoundsException(path + ": read of " + bytes + " bytes at " + pos + " past the end (" + size + " bytes)");
    }
  }

  byte get(long pos) { check(pos, 1); return segments[(int) (pos >>> SHIFT)].get((int) (pos & MASK)); }
  short getShort(long pos) { check(pos, 2); return segments[(int) (pos >>> SHIFT)].getShort((int) (pos & MASK)); }
  int getInt(long pos) { check(pos, 4); return segments[(int) (pos >>> SHIFT)].getInt((int) (pos & MASK)); }
  long getLong(long pos) { check(pos, 8); return segments[(int) (pos >>> SHIFT)].getLong((int) (pos & MASK)); }

  /** Unmapping is left to the garbage collector; closing only drops the references. */
  @Override public void close() {
    java.util.Arrays.fill(segments, null);
  }
}
