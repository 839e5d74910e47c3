package dev.corpusforge.ingest.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * The decompressed stream under a tar reader, seen as 512-byte blocks: it knows its position, keeps the last block
 * read (the header of the entry just returned), can scan forward to the next block that is a valid ustar header and
 * hand that block back once, so a fresh tar reader starts there. A failure of the stream itself (a cut gzip, the
 * decompression cap) is remembered: that is no damaged header, and nothing after it can be read.
 */
final class TarBlocks extends FilterInputStream {
  static final int BLOCK = 512;

  private final byte[] last = new byte[BLOCK];
  /** Bytes of {@link #last} read contiguously since the last skip (at most one block). */
  private int lastFill;
  private final byte[] one = new byte[1];
  private byte[] pushedBack;
  private int pushedAt;
  private long position;
  private boolean broken;

  TarBlocks(InputStream in) {
    super(in);
  }

  long position() { return position; }

  boolean broken() { return broken; }

  /** Whether the block just read ends at a block boundary and is a ustar header whose checksum verifies. */
  boolean lastBlockIsHeader() {
    return lastFill == BLOCK && position % BLOCK == 0 && isHeader(last);
  }

  /**
   * Reads block after block from the next boundary until one is a valid header, gives it back to be read again and
   * returns true; false at the end of the stream.
   */
  boolean seekHeader() throws IOException {
    long misaligned = position % BLOCK;
    if (misaligned != 0 && readNBytes((int) (BLOCK - misaligned)).length < BLOCK - misaligned) return false;
    byte[] block = new byte[BLOCK];
    while (readNBytes(block, 0, BLOCK) == BLOCK) {
      if (isHeader(block)) {
        unread(block);
        return true;
      }
    }
    return false;
  }

  /** Gives the block just read back, to be read again. */
  void unreadLast() {
    unread(last.clone());
  }

  private void unread(byte[] block) {
    pushedBack = block;
    pushedAt = 0;
    position -= BLOCK;
    lastFill = 0;
  }

  /** Checksum as tar computes it and the "ustar" magic: a block of file data passes both by chance about never. */
  static boolean isHeader(byte[] block) {
    return new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar") && TarUtils.verifyCheckSum(block);
  }

  @Override public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    int n;
    if (pushedBack != null) {
      n = Math.min(len, BLOCK - pushedAt);
      System.arraycopy(pushedBack, pushedAt, b, off, n);
      pushedAt += n;
      if (pushedAt == BLOCK) pushedBack = null;
    } else {
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        broken = true;
        throw e;
      }
      if (n <= 0) return n;
    }
    position += n;
    if (n >= BLOCK) {
      System.arraycopy(b, off + n - BLOCK, last, 0, BLOCK);
    } else {
      System.arraycopy(last, n, last, 0, BLOCK - n);
      System.arraycopy(b, off, last, BLOCK - n, n);
    }
    lastFill = Math.min(BLOCK, lastFill + n);
    return n;
  }

  @Override public long skip(long n) throws IOException {
    if (pushedBack != null) return read(new byte[(int) Math.min(n, BLOCK - pushedAt)]);
    long skipped;
    try {
      skipped = in.skip(n);
    } catch (IOException e) {
      broken = true;
      throw e;
    }
    position += skipped;
    if (skipped > 0) lastFill = 0;
    return skipped;
  }

  @Override public boolean markSupported() { return false; }

  @Override public int available() throws IOException {
    return pushedBack != null ? BLOCK - pushedAt : super.available();
  }
}
