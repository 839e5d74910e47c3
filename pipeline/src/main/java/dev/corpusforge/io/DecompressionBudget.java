package dev.corpusforge.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.spark.util.LongAccumulator;

/**
 * Caps the decompressed bytes read from one input file, so a gzip or zip bomb ends in a counted reject instead of
 * filling an executor's memory or disk or running for hours. One budget per file, shared by every stream wrapped with
 * it (a zip's entries all draw on the same budget); past the cap every read fails with {@link ArchiveLimitException}.
 */
public final class DecompressionBudget {
  private final String file;
  private final long max;
  private final LongAccumulator total;
  private long used;

  public DecompressionBudget(String file, long max) {
    this(file, max, null);
  }

  /** A budget that also adds every decompressed byte to {@code total} (the ingest summary's figure), if not null. */
  public DecompressionBudget(String file, long max, LongAccumulator total) {
    this.file = file;
    this.max = max;
    this.total = total;
  }

  public long used() { return used; }

  /** {@code decompressed} with every byte read from it counted against this budget. */
  public InputStream wrap(InputStream decompressed) {
    return new FilterInputStream(decompressed) {
      @Override public int read() throws IOException {
        int b = super.read();
        if (b >= 0) charge(1);
        return b;
      }

      @Override public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) charge(n);
        return n;
      }

      @Override public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) charge(skipped);
        return skipped;
      }
    };
  }

  private void charge(long n) throws ArchiveLimitException {
    used += n;
    if (total != null) total.add(n);
    if (used > max) throw new ArchiveLimitException(file, max);
  }
}
