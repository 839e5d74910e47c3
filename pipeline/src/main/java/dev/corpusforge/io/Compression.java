package dev.corpusforge.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompression by file extension. Multi-member gzip and multistream bzip2 (Wikipedia's -multistream dumps) are read
 * to the end, not just their first member. A truncated stream surfaces as an IOException to the reader.
 */
public final class Compression {
  private Compression() {}

  public static InputStream decompress(InputStream raw, String path) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    String p = path.toLowerCase(java.util.Locale.ROOT);
    if (p.endsWith(".gz") || p.endsWith(".tgz")) return new GzipCompressorInputStream(in, true);
    if (p.endsWith(".bz2")) return new BZip2CompressorInputStream(in, true);
    return in;
  }
}
