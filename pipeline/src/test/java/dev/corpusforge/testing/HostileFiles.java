package dev.corpusforge.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The hostile inputs too large to commit, generated at test time into a temporary folder: decompression bombs, a
 * 100 MB single-line document, nesting 100,000 levels deep. The small ones live in data-samples/hostile/.
 */
public final class HostileFiles {
  private HostileFiles() {}

  /**
   * A gzip bomb: one member of {@code memberMb} MB of zero bytes, repeated {@code members} times. Readers decompress
   * multi-member gzip to the end, so the file inflates to members x memberMb MB from about a thousandth of that.
   */
  public static Path gzipBomb(Path file, int memberMb, int members) throws IOException {
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < memberMb; i++) gz.write(zeros);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < members; i++) member.writeTo(out);
    }
    return file;
  }

  /** JSON lines: a short document, one whose text is {@code mb} MB on a single line, and another short one. */
  public static Path hugeLineJsonl(Path file, int mb) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write("{\"id\":\"before\",\"text\":\"a short document\"}\n".getBytes(StandardCharsets.UTF_8));
      out.write("{\"id\":\"huge\",\"text\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "all work and no play makes a very long line. ".repeat(1 << 10).getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < (long) mb << 20; written += chunk.length) out.write(chunk);
      out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
      out.write("{\"id\":\"after\",\"text\":\"another short document\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  /** JSON lines whose middle record nests arrays {@code depth} levels deep. */
  public static Path deepJsonl(Path file, int depth) throws IOException {
    String deep = "{\"id\":\"deep\",\"text\":\"nested\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    Files.writeString(file, "{\"id\":\"before\",\"text\":\"shallow\"}\n" + deep + "\n"
        + "{\"id\":\"after\",\"text\":\"shallow again\"}\n", StandardCharsets.UTF_8);
    return file;
  }

  /**
   * A zip bomb: {@code entries} source files of {@code entryKb} KB of spaces each (deflate shrinks each to about a
   * thousandth), named like code so a reader does not skip them by extension.
   */
  public static Path zipBomb(Path file, int entries, int entryKb) throws IOException {
    byte[] spaces = new byte[1 << 10];
    java.util.Arrays.fill(spaces, (byte) ' ');
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      zip.setLevel(9);
      for (int e = 0; e < entries; e++) {
        zip.putNextEntry(new ZipEntry("repo/bomb" + e + ".py"));
        for (int i = 0; i < entryKb; i++) zip.write(spaces);
        zip.closeEntry();
      }
    }
    return file;
  }

  /** A WARC file with one HTML response whose body nests {@code depth} div elements, with text at the bottom. */
  public static Path deepHtmlWarc(Path file, int depth) throws IOException {
    byte[] html = ("<!doctype html><html><head><title>deep</title></head><body>" + "<div>".repeat(depth)
        + "text at the bottom of a very deep page" + "</div>".repeat(depth) + "</body></html>")
        .getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(responseHead("deep", html.length));
      out.write(html);
      out.write(WARC_RECORD_END);
    }
    return file;
  }

  /**
   * A WARC.gz bomb: a small page in the first gzip member, then one member holding a response whose HTML body is
   * {@code mb} MB of zero bytes (inflating about a thousand times).
   */
  public static Path gzipBombWarc(Path file, int mb) throws IOException {
    byte[] page = ("<!doctype html><html><head><title>before the bomb</title></head><body><p>A page that comes "
        + "before the bomb, with enough words to be a document.</p></body></html>").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      try (GZIPOutputStream gz = new GZIPOutputStream(nonClosing(out))) {
        gz.write(responseHead("page", page.length));
        gz.write(page);
        gz.write(WARC_RECORD_END);
      }
      try (GZIPOutputStream gz = new GZIPOutputStream(nonClosing(out), 1 << 16)) {
        gz.write(responseHead("bomb", (long) mb << 20));
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < mb; i++) gz.write(zeros);
        gz.write(WARC_RECORD_END);
      }
    }
    return file;
  }

  private static final byte[] WARC_RECORD_END = "\r\n\r\n".getBytes(StandardCharsets.UTF_8);

  /** WARC and HTTP headers of a 200 text/html response at http://NAME.hostile.test/ with a body of that length. */
  private static byte[] responseHead(String name, long bodyBytes) {
    String http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + bodyBytes
        + "\r\n\r\n";
    String id = String.format("%012x", name.hashCode() & 0xFFFFFFFFL);
    return ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" + id + ">\r\n"
        + "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://" + name + ".hostile.test/\r\n"
        + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + (http.length() + bodyBytes)
        + "\r\n\r\n" + http).getBytes(StandardCharsets.UTF_8);
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
      @Override public void close() throws IOException { flush(); }
    };
  }

  private static final MessageType PARQUET_DOC =
      MessageTypeParser.parseMessageType("message doc { required binary id (STRING); required binary text (STRING); }");

  /** The text of row {@code i} of {@link #parquetRows}. */
  public static String parquetText(int i) {
    return "document number " + i + " with some words";
  }

  /**
   * A Parquet file of {@code rows} rows (id "d" + i, text {@link #parquetText}) in row groups of about
   * {@code groupBytes}, plain-encoded (the text's bytes sit in the data pages), with or without page CRCs.
   */
  public static Path parquetRows(Path file, int rows, int groupBytes, boolean pageChecksums) throws IOException {
    List<byte[]> texts = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) texts.add(parquetText(i).getBytes(StandardCharsets.UTF_8));
    return parquetTexts(file, texts, groupBytes, pageChecksums);
  }

  /** A Parquet file whose text column holds these bytes as they are, valid UTF-8 or not. */
  public static Path parquetTexts(Path file, List<byte[]> texts, int groupBytes, boolean pageChecksums)
      throws IOException {
    try (ParquetWriter<org.apache.parquet.example.data.Group> w = ExampleParquetWriter
        .builder(new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).withType(PARQUET_DOC)
        .withRowGroupSize(groupBytes).withPageSize(groupBytes).withDictionaryEncoding(false)
        .withPageWriteChecksumEnabled(pageChecksums).build()) {
      for (int i = 0; i < texts.size(); i++) {
        SimpleGroup g = new SimpleGroup(PARQUET_DOC);
        g.add("id", "d" + i);
        g.add("text", Binary.fromConstantByteArray(texts.get(i)));
        w.write(g);
      }
    }
    // Without Hadoop's local checksum file, as on a store that keeps none: Parquet's own checks meet the damage.
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    return file;
  }

  /** The row groups of a Parquet file, from its footer. */
  public static List<BlockMetaData> rowGroups(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getFooter().getBlocks();
    }
  }

  /**
   * Overwrites {@code bytes} bytes of row group {@code group}'s text column chunk with {@code fill}, starting
   * {@code at} (0 to 1) of the way into the chunk: near 0 hits the page header, further in the text itself.
   */
  public static void damageRowGroup(Path file, int group, double at, int bytes, byte fill) throws IOException {
    ColumnChunkMetaData text = rowGroups(file).get(group).getColumns().get(1);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(text.getStartingPos() + (long) (text.getTotalSize() * at));
      byte[] b = new byte[bytes];
      java.util.Arrays.fill(b, fill);
      f.write(b);
    }
  }

  /** Cuts the last {@code bytes} bytes off a file (its Parquet footer, say). */
  public static void truncate(Path file, int bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - bytes);
    }
  }
}
