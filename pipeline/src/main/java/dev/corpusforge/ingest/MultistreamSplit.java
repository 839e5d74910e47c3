package dev.corpusforge.ingest;

import dev.corpusforge.io.DecompressionBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A run of whole bzip2 streams of a multistream MediaWiki dump, bytes [start, end) of the file, read as a dump of its
 * own: the dump's header (its first stream, {@code <mediawiki>} and {@code <siteinfo>}) in front unless the run
 * begins with it, and the closing {@code </mediawiki>} behind unless it ends the file. The reader sees a complete
 * dump holding just these pages, so the run's pages come out exactly as in a one-task read of the whole file.
 */
public final class MultistreamSplit implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] CLOSE = "\n</mediawiki>\n".getBytes(StandardCharsets.UTF_8);

  final long start;
  final long end;
  /** The decompressed header through {@code </siteinfo>}, for a run that does not begin the file. */
  private final byte[] header;
  private final boolean last;

  MultistreamSplit(long start, long end, byte[] header, boolean last) {
    this.start = start;
    this.end = end;
    this.header = header;
    this.last = last;
  }

  InputStream open(FSDataInputStream file, DecompressionBudget budget) throws IOException {
    try {
      file.seek(start);
      InputStream streams = new BZip2CompressorInputStream(
          new java.io.BufferedInputStream(BoundedInputStream.builder().setInputStream(file).setMaxCount(end - start)
              .setPropagateClose(true).get(), 1 << 16), true);
      InputStream text = streams;
      if (start > 0) text = new SequenceInputStream(new ByteArrayInputStream(header), text);
      if (!last) text = new SequenceInputStream(text, new ByteArrayInputStream(CLOSE));
      return budget == null ? text : budget.wrap(text);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override public String toString() { return "bytes " + start + "-" + end; }
}
