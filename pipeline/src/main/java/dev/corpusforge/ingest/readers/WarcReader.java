package dev.corpusforge.ingest.readers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.extract.MainContentExtractor;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.io.ArchiveLimitException;
import dev.corpusforge.io.GzipMembers;
import dev.corpusforge.io.LookAhead;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Web archives: WARC, WARC.gz (per-record or whole-file gzip) and ARC, streamed record by record through jwarc.
 *
 * <p>A {@code response} (or {@code resource}) record with a 2xx HTML payload becomes a document holding the page's
 * main content ({@link MainContentExtractor}) and title; HTTP chunked transfer and gzip/deflate content encodings are
 * undone, and the charset comes from the HTTP header, else the page's meta declaration, else detection. A WET
 * {@code conversion} record is kept as its text. Everything else is a counted reject: {@code skipped:<record type>}
 * for request, warcinfo, metadata and revisit records, {@code skipped:non-html}, {@code skipped:http-status},
 * {@code invalid-http}, {@code invalid-payload}, {@code too-large}, {@code empty} and {@code no-content}. Damage
 * costs only the record it is in ({@link WarcFrames}): a record whose {@code Content-Length} lies is rejected as
 * {@code bad-content-length}, bytes that are no record (a damaged gzip member, garbage) are one {@code corrupt} reject
 * per region with the bytes skipped, and reading resumes at the next gzip member or record header.
 */
public final class WarcReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([^\"';\\s]+)", Pattern.CASE_INSENSITIVE);

  private final String source;
  private final IngestConfig limits;

  public WarcReader(String source, IngestConfig limits) {
    this.source = source;
    this.limits = limits;
  }

  /**
   * Gzip is undone here, not by jwarc, so that the file's decompressed bytes count against its cap
   * ({@code ingest.maxArchiveBytes}: a gzip bomb ends in {@code archive-limit}), record offsets stay those of the
   * records' gzip members in the compressed file, and a damaged member costs only itself ({@link WarcFrames}).
   */
  @Override public Iterator<ReadRecord> read(InputFile file) throws IOException {
    FSDataInputStream in = file.open();
    try {
      byte[] head = in.readNBytes(2);
      in.seek(0);
      WarcFrames frames = GzipMembers.isGzip(head)
          ? new WarcFrames(new GzipMembers(in), null, file.decompressionBudget(), limits.maxRecordBytes)
          : new WarcFrames(null, in, file.decompressionBudget(), limits.maxRecordBytes);
      return new Records(file, frames, in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Turns one record frame at a time into a record. */
  private final class Records extends LookAhead<ReadRecord> {
    private final InputFile file;
    private final WarcFrames frames;
    private final Closeable in;
    private final MainContentExtractor extractor = new MainContentExtractor();
    private long index;

    Records(InputFile file, WarcFrames frames, Closeable in) {
      this.file = file;
      this.frames = frames;
      this.in = in;
    }

    @Override protected ReadRecord read() {
      WarcFrames.Frame frame;
      try {
        if (!frames.hasNext()) {
          close();
          return null;
        }
        frame = frames.next();
      } catch (UncheckedIOException e) {
        close();
        throw new UncheckedIOException("warc record " + (index + 1) + " in " + file.path() + ": "
            + e.getCause().getMessage(), e.getCause());
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      index++;
      if (frame.kind == WarcFrames.Kind.DAMAGED) return damaged(frame);
      WarcRecord record;
      Document doc;
      try {
        Optional<WarcRecord> parsed = new org.netpreserve.jwarc.WarcReader(
            new ByteArrayInputStream(frame.bytes, 0, frame.length)).next();
        if (parsed.isEmpty()) throw new IOException("no record in the frame");
        record = parsed.get();
        doc = describe(record, index, frame.offset);
      } catch (IOException e) {
        frame.bytesSkipped = frame.length + Math.max(0, frame.declaredLength);
        frame.error = "unreadable record header: " + e.getMessage();
        return damaged(frame);
      }
      switch (frame.kind) {
        case BAD_LENGTH: {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("content_length", frame.declaredLength);
          details.put("bytes_skipped", frame.bytesSkipped);
          details.put("error", frame.error);
          return skipped(reject(doc, "bad-content-length", details), frame.bytesSkipped);
        }
        case TOO_LARGE:
          return isContent(record.type()) ? reject(doc, "too-large", Map.of("bytes", frame.declaredLength))
              : reject(doc, "skipped:" + record.type(), null);
        default:
          try {
            return convert(record, doc);
          } catch (IOException | RuntimeException e) {
            if (overCap(e)) {
              throw new UncheckedIOException("warc record " + index + " in " + file.path() + ": " + e.getMessage(),
                  new IOException(e));
            }
            // The record's own content is bad; the next record is framed independently of it.
            return reject(doc, "invalid-payload", Map.of("error", String.valueOf(e.getMessage())));
          }
      }
    }

    /** A region that is no record: one `corrupt` reject holding where it starts and how many bytes it covers. */
    private ReadRecord damaged(WarcFrames.Frame frame) {
      String key = file.name() + "#corrupt@" + frame.offset;
      Document doc = new Document(Documents.stableId(source, key), source, null, null, null,
          new Provenance(file.path(), frame.offset, "#corrupt@" + frame.offset));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("offset", frame.offset);
      details.put("bytes_skipped", frame.bytesSkipped);
      details.put("error", "warc record " + index + " in " + file.name() + ": " + frame.error);
      return skipped(reject(doc, "corrupt", details), frame.bytesSkipped);
    }

    private void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // Nothing left to read from a stream we are abandoning.
      }
    }

    /** The record's document with id, url, provenance and archive metadata, before its content is looked at. */
    private Document describe(WarcRecord record, long number, long offset) {
      Optional<String> recordId = record.headers().first("WARC-Record-ID");
      // ARC records have no record id; name and offset identify them within their (immutable) archive file.
      String key = recordId.orElse("arc:" + file.name() + "@" + offset);
      String url = record instanceof WarcTargetRecord ? ((WarcTargetRecord) record).target() : null;
      Document doc = new Document(Documents.stableId(source, key), source, url, null, null,
          new Provenance(file.path(), offset, recordId.orElse("record " + number)));
      doc.putMetadata("warc_type", record.type());
      record.headers().first("WARC-Date").ifPresent(d -> doc.putMetadata("warc_date", d));
      record.headers().first("WARC-Truncated").ifPresent(t -> doc.putMetadata("warc_truncated", t));
      doc.putMetadata("domain", domain(url));
      return doc;
    }

    private ReadRecord convert(WarcRecord record, Document doc) throws IOException {
      switch (record.type()) {
        case "response":
          if (record instanceof WarcResponse) return response((WarcResponse) record, doc);
          return reject(doc, "skipped:response", Map.of("error", "not an HTTP response"));
        case "resource":
          return html(doc, record.contentType().toString(), record.body().stream(), record.body().size(), null);
        case "conversion":
          return conversion(record, doc);
        default:
          return reject(doc, "skipped:" + record.type(), null);
      }
    }

    private ReadRecord response(WarcResponse record, Document doc) throws IOException {
      long blockBytes = record.body().size();
      if (blockBytes > limits.maxRecordBytes) return reject(doc, "too-large", Map.of("bytes", blockBytes));
      HttpResponse http;
      try {
        http = record.http();
      } catch (IOException | RuntimeException e) {
        return reject(doc, "invalid-http", Map.of("error", String.valueOf(e.getMessage())));
      }
      int status = http.status();
      doc.putMetadata("http_status", Integer.toString(status));
      if (status < 200 || status > 299) return reject(doc, "skipped:http-status", Map.of("http_status", status));
      String contentType = http.headers().first("Content-Type")
          .or(() -> record.headers().first("WARC-Identified-Payload-Type")).orElse("");
      return html(doc, contentType, http.bodyDecoded().stream(), blockBytes, http);
    }

    /** An HTML payload to a document; other media types are skipped. */
    private ReadRecord html(Document doc, String contentType, InputStream body, long bytes, HttpResponse http) {
      String mime = mime(contentType);
      doc.putMetadata("content_type", mime.isEmpty() ? null : mime);
      if (!mime.isEmpty() && !isHtml(mime)) return reject(doc, "skipped:non-html", Map.of("content_type", mime));
      if (bytes > limits.maxRecordBytes) return reject(doc, "too-large", Map.of("bytes", bytes));
      byte[] payload;
      try {
        payload = readBounded(body);
      } catch (IOException | RuntimeException e) {
        if (overCap(e)) throw new UncheckedIOException(new IOException(e));
        return reject(doc, "invalid-payload", Map.of("error", String.valueOf(e.getMessage())));
      }
      if (payload == null) return reject(doc, "too-large", Map.of("decoded_bytes_over", limits.maxRecordBytes));
      if (payload.length == 0) return reject(doc, "empty", null);
      if (mime.isEmpty() && !looksLikeHtml(payload)) return reject(doc, "skipped:non-html", Map.of("content_type", ""));
      HtmlCharset.Decoded decoded = HtmlCharset.decode(payload, charset(contentType));
      doc.putMetadata("charset", decoded.charset);
      doc.putMetadata("charset_source", decoded.source);
      MainContentExtractor.Extracted page = extractor.extract(decoded.text, doc.getUrl());
      doc.setTitle(page.title);
      return keep(doc, page.text, Map.of("html_chars", decoded.text.length()));
    }

    private ReadRecord conversion(WarcRecord record, Document doc) throws IOException {
      doc.putMetadata("content_type", mime(record.contentType().toString()));
      if (record.body().size() > limits.maxRecordBytes) {
        return reject(doc, "too-large", Map.of("bytes", record.body().size()));
      }
      byte[] payload = readBounded(record.body().stream());
      if (payload == null) return reject(doc, "too-large", Map.of("bytes_over", limits.maxRecordBytes));
      HtmlCharset.Decoded decoded = HtmlCharset.detect(payload);
      doc.putMetadata("charset", decoded.charset);
      return keep(doc, decoded.text.strip(), Map.of("bytes", payload.length));
    }

    private ReadRecord keep(Document doc, String text, Map<String, Object> details) {
      if (text.isBlank()) return reject(doc, "no-content", details);
      if (text.length() > limits.maxDocumentChars) return reject(doc, "too-large", Map.of("chars", text.length()));
      doc.setText(text);
      return ReadRecord.kept(doc);
    }

    /** The whole stream, or null when it holds more than the record limit (a decompression bomb stops there). */
    private byte[] readBounded(InputStream in) throws IOException {
      long limit = limits.maxRecordBytes;
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      return bytes.length > limit ? null : bytes;
    }
  }

  private static boolean isContent(String type) {
    return type.equals("response") || type.equals("resource") || type.equals("conversion");
  }

  private static ReadRecord skipped(ReadRecord r, long bytes) {
    r.setBytesSkipped(bytes);
    return r;
  }

  private ReadRecord reject(Document doc, String reason, Map<String, ?> details) {
    try {
      return ReadRecord.rejected(doc, reason, details == null ? null : JSON.writeValueAsString(new LinkedHashMap<>(details)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file ran past its decompression cap: not this record's fault, and the end of the file. */
  private static boolean overCap(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof ArchiveLimitException) return true;
    return false;
  }

  static String mime(String contentType) {
    if (contentType == null) return "";
    int semicolon = contentType.indexOf(';');
    return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip().toLowerCase(Locale.ROOT);
  }

  private static String charset(String contentType) {
    Matcher m = CHARSET.matcher(contentType == null ? "" : contentType);
    return m.find() ? m.group(1) : null;
  }

  private static boolean isHtml(String mime) {
    return mime.equals("text/html") || mime.equals("application/xhtml+xml");
  }

  /** For payloads without a media type: does it start (after whitespace) like an HTML document? */
  private static boolean looksLikeHtml(byte[] payload) {
    int i = 0;
    while (i < payload.length && i < 1024 && (payload[i] <= ' ' || (payload[i] & 0xFF) == 0xEF
        || (payload[i] & 0xFF) == 0xBB || (payload[i] & 0xFF) == 0xBF)) i++;
    String head = new String(payload, i, Math.min(payload.length - i, 64), java.nio.charset.StandardCharsets.ISO_8859_1)
        .toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
        || head.startsWith("<!--");
  }

  private static String domain(String url) {
    if (url == null) return null;
    try {
      String host = URI.create(url.strip()).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
