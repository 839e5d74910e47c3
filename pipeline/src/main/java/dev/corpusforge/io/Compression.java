package dev.corpusforge.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompression by file extension. Multi-member gzip and multistream bzip2 (Wikipedia's -multistream dumps) are read
 * to the end, not just their first member. A truncated stream surfaces as an IOException to the reader; with a
 * {@link DecompressionBudget}, so does a stream that inflates past the cap (a gzip bomb).
 */
public final class Compression {
  private Compression() {}

  public static InputStream decompress(InputStream raw, String path) throws IOException {
    return decompress(raw, path, null);
  }

  /** As {@link #decompress(InputStream, String)}, with the decompressed bytes counted against {@code budget}. */
  public static InputStream decompress(InputStream raw, String path, DecompressionBudget budget) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    String p = path.toLowerCase(java.util.Locale.ROOT);
    InputStream out;
    if (p.endsWith(".gz") || p.endsWith(".tgz")) out = new GzipCompressorInputStream(in, true);
    else if (p.endsWith(".bz2")) out = new BZip2CompressorInputStream(in, true);
    else return in;
    return budget == null ? out : budget.wrap(out);
  }
}
