package dev.corpusforge.ingest;

import dev.corpusforge.io.Bzip2Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Splits a large multistream MediaWiki dump ({@code …-pages-articles-multistream.xml.bz2}) into runs of whole bzip2
 * streams of about {@code splitBytes} each, one task per run, at the stream offsets of the dump's
 * {@code …-multistream-index.txt.bz2} beside it, or at the stream starts found by scanning the file when there is no
 * index. The index file itself is not an input. A dump whose first stream is not just its header (a plain,
 * single-stream .bz2) stays one task.
 */
public final class MultistreamSplits {
  private static final String DUMP = ".xml.bz2";
  private static final String INDEX = "-index.txt.bz2";
  private static final byte[] SITEINFO_END = "</siteinfo>".getBytes(StandardCharsets.UTF_8);

  private MultistreamSplits() {}

  public static List<InputFile> split(List<InputFile> files, long splitBytes, Configuration conf) throws IOException {
    List<String> dumps = new ArrayList<>();
    for (InputFile f : files) if (f.path().toLowerCase(Locale.ROOT).endsWith(DUMP)) dumps.add(f.path());
    List<InputFile> out = new ArrayList<>();
    for (InputFile f : files) {
      if (isIndexOf(f.path(), dumps)) continue;
      if (f.length() <= splitBytes || !dumps.contains(f.path())) {
        out.add(f);
      } else {
        out.addAll(splits(f, splitBytes, conf));
      }
    }
    return out;
  }

  static String indexOf(String dump) {
    return dump.substring(0, dump.length() - DUMP.length()) + INDEX;
  }

  private static boolean isIndexOf(String path, List<String> dumps) {
    for (String d : dumps) if (indexOf(d).equals(path)) return true;
    return false;
  }

  private static List<InputFile> splits(InputFile f, long splitBytes, Configuration conf) throws IOException {
    Path path = new Path(f.path());
    FileSystem fs = path.getFileSystem(conf);
    Path index = new Path(indexOf(f.path()));
    List<Long> offsets = new ArrayList<>(fs.exists(index) ? Bzip2Streams.fromIndex(fs, index) : Bzip2Streams.scan(fs, path));
    offsets.removeIf(o -> o <= 0 || o >= f.length());
    if (offsets.isEmpty()) return List.of(f);
    byte[] header = header(fs, path, offsets.get(0));
    if (header == null) return List.of(f);
    List<InputFile> out = new ArrayList<>();
    long start = 0;
    for (long o : offsets) {
      if (o - start >= splitBytes) {
        out.add(f.withSplit(new MultistreamSplit(start, o, header, false)));
        start = o;
      }
    }
    out.add(f.withSplit(new MultistreamSplit(start, f.length(), header, true)));
    return out;
  }

  /**
   * The first stream decompressed, when it is a header ending with {@code </siteinfo>} (the layout of multistream
   * dumps); otherwise null, as pages in it would be read by the first task only.
   */
  private static byte[] header(FileSystem fs, Path path, long firstPages) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (FSDataInputStream in = fs.open(path);
         InputStream z = new BZip2CompressorInputStream(BoundedInputStream.builder().setInputStream(in)
             .setMaxCount(firstPages).get(), true)) {
      // a header is a few kB; a first stream far larger is not one
      byte[] head = z.readNBytes(1 << 20);
      if (z.read() >= 0) return null;
      bytes.write(head);
    }
    byte[] h = bytes.toByteArray();
    int end = h.length;
    while (end > 0 && Character.isWhitespace(h[end - 1])) end--;
    if (end < SITEINFO_END.length) return null;
    for (int i = 0; i < SITEINFO_END.length; i++) if (h[end - SITEINFO_END.length + i] != SITEINFO_END[i]) return null;
    return h;
  }
}
