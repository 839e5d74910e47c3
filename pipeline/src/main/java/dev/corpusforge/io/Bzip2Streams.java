package dev.corpusforge.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where the bzip2 streams of a multistream file begin: from a Wikipedia {@code …-multistream-index.txt.bz2}
 * ({@code offset:page id:title} per line, one offset per stream of 100 pages), or by scanning the file for stream
 * headers. A stream header is byte-aligned: "BZh", the block size digit, then the first block's magic
 * 0x314159265359 (inside a stream, blocks are bit-aligned, so 10 such bytes at a stream's inside are a 2^-80 chance).
 */
public final class Bzip2Streams {
  private static final byte[] BLOCK_MAGIC = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};

  private Bzip2Streams() {}

  /** The distinct stream offsets an index names, ascending. */
  public static List<Long> fromIndex(FileSystem fs, Path index) throws IOException {
    TreeSet<Long> offsets = new TreeSet<>();
    try (InputStream in = new BZip2CompressorInputStream(fs.open(index), true);
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int colon = line.indexOf(':');
        if (colon <= 0) continue;
        offsets.add(Long.parseLong(line.substring(0, colon)));
      }
    } catch (NumberFormatException e) {
      throw new IOException(index + ": not a multistream index (offset:page id:title per line)", e);
    }
    return new ArrayList<>(offsets);
  }

  /** Every stream start of the file, ascending, found by reading it once. */
  public static List<Long> scan(FileSystem fs, Path file) throws IOException {
    List<Long> out = new ArrayList<>();
    byte[] buf = new byte[1 << 20];
    int keep = 9;  // a header may straddle two reads
    long base = 0;  // file offset of buf[0]
    int filled = 0;
    try (FSDataInputStream in = fs.open(file)) {
      while (true) {
        int n = in.read(buf, filled, buf.length - filled);
        boolean eof = n < 0;
        if (!eof) filled += n;
        int limit = eof ? filled : filled - keep;
        for (int i = 0; i < limit; i++) {
          if (buf[i] == 'B' && isHeader(buf, i, filled)) out.add(base + i);
        }
        if (eof) return out;
        if (limit > 0) {
          System.arraycopy(buf, limit, buf, 0, filled - limit);
          base += limit;
          filled -= limit;
        }
      }
    }
  }

  private static boolean isHeader(byte[] b, int i, int len) {
    if (i + 10 > len || b[i + 1] != 'Z' || b[i + 2] != 'h' || b[i + 3] < '1' || b[i + 3] > '9') return false;
    for (int k = 0; k < BLOCK_MAGIC.length; k++) if (b[i + 4 + k] != BLOCK_MAGIC[k]) return false;
    return true;
  }
}
