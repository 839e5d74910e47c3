package dev.corpusforge.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a Parquet file's bytes depend only on its data. parquet-java writes each column's encodings from a HashSet of
 * enum constants, whose order follows identity hash codes and so changes between JVMs (apache/parquet-java#3215,
 * open). Rewriting the footer with the encodings sorted is all it takes for reruns to give byte-identical files.
 */
public final class CanonicalParquet {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private CanonicalParquet() {}

  /** Copies {@code in} to {@code out} with a canonical footer. */
  public static void copy(FileSystem fs, Path in, Path out) throws IOException {
    copy(fs, in, fs, out);
  }

  /**
   * Copies {@code in} to {@code out} on another file system (a task's local file to its output) with a canonical
   * footer; returns the CRC-32 of the bytes written, which names the file's content for stages that read it.
   */
  public static long copy(FileSystem inFs, Path in, FileSystem fs, Path out) throws IOException {
    long len = inFs.getFileStatus(in).getLen();
    try (FSDataInputStream s = inFs.open(in)) {
      byte[] tail = new byte[8];
      s.readFully(len - 8, tail);
      int footerLen = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      long footerStart = len - 8 - footerLen;
      byte[] footer = new byte[footerLen];
      s.readFully(footerStart, footer);
      FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer));
      for (RowGroup rg : meta.getRow_groups()) {
        for (ColumnChunk cc : rg.getColumns()) {
          if (cc.isSetMeta_data()) cc.getMeta_data().getEncodings().sort(Comparator.comparingInt(Encoding::getValue));
        }
      }
      ByteArrayOutputStream canonical = new ByteArrayOutputStream(footerLen);
      Util.writeFileMetaData(meta, canonical);
      CRC32 crc = new CRC32();
      try (OutputStream o = new CheckedOutputStream(fs.create(out, true), crc)) {
        s.seek(0);
        copyBytes(s, o, footerStart);
        canonical.writeTo(o);
        o.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(canonical.size()).array());
        o.write(MAGIC);
      }
      return crc.getValue();
    }
  }

  private static void copyBytes(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[1 << 16];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) throw new IOException("unexpected end of parquet file");
      out.write(buf, 0, r);
      n -= r;
    }
  }
}
