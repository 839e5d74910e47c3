package dev.corpusforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * A crawl of a given compressed size for the end-to-end benchmark: real page markup (the HTML pages of
 * {@code corpus-samples/web/pages-dev.warc.gz} and {@code web-annotated/pages.warc.gz}) whose words are replaced by
 * words drawn with their natural frequency from real English text (the pages-dev gold texts), so every page is
 * distinct; about 3 % of pages are exact copies and 5 % near copies (1 % of words changed) of an earlier page under
 * another URL. Written as several {@code .warc.gz} files, one gzip member per record, as crawlers write them.
 * Deterministic for a given size (fixed seed); {@code crawl.properties} beside the files records what was written.
 */
final class SyntheticCrawl {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG = Pattern.compile("<!--.*?-->|<[^>]*>", Pattern.DOTALL);
  private static final Pattern WORD = Pattern.compile("&#?\\w+;|\\p{L}[\\p{L}\\p{M}']*");
  static final double EXACT = 0.03;
  static final double NEAR = 0.05;

  /** What {@link #generate} wrote. */
  record Manifest(int files, long pages, long exact, long near, long compressedBytes, long warcBytes, long htmlBytes) {}

  private SyntheticCrawl() {}

  /** Returns the crawl in {@code dir}, generating it first unless a complete one of this size is there. */
  static Manifest ensure(Path dir, long targetBytes, Path samples) throws IOException {
    Path props = dir.resolve("crawl.properties");
    if (Files.exists(props)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(props)) {
        p.load(in);
      }
      if (Long.parseLong(p.getProperty("target")) == targetBytes) {
        return new Manifest(Integer.parseInt(p.getProperty("files")), Long.parseLong(p.getProperty("pages")),
            Long.parseLong(p.getProperty("exact")), Long.parseLong(p.getProperty("near")),
            Long.parseLong(p.getProperty("compressed")), Long.parseLong(p.getProperty("warc")),
            Long.parseLong(p.getProperty("html")));
      }
    }
    Manifest m = generate(dir, targetBytes, samples);
    Properties p = new Properties();
    p.setProperty("target", Long.toString(targetBytes));
    p.setProperty("files", Integer.toString(m.files()));
    p.setProperty("pages", Long.toString(m.pages()));
    p.setProperty("exact", Long.toString(m.exact()));
    p.setProperty("near", Long.toString(m.near()));
    p.setProperty("compressed", Long.toString(m.compressedBytes()));
    p.setProperty("warc", Long.toString(m.warcBytes()));
    p.setProperty("html", Long.toString(m.htmlBytes()));
    try (OutputStream out = Files.newOutputStream(props)) {
      p.store(out, "SyntheticCrawl");
    }
    return m;
  }

  private static Manifest generate(Path dir, long targetBytes, Path samples) throws IOException {
    Path warcs = Files.createDirectories(dir.resolve("warc"));
    try (var old = Files.list(warcs)) {
      for (Path f : old.toList()) Files.delete(f);
    }
    List<String> templates = new ArrayList<>();
    templates.addAll(pages(samples.resolve("web/pages-dev.warc.gz")));
    templates.addAll(pages(samples.resolve("web-annotated/pages.warc.gz")));
    String[] words = words(samples.resolve("web/pages-dev.gold.jsonl"));
    // ~37 MB per file, as the 301 MB crawl of 8 files; at least 2 files so ingest runs in parallel
    int files = (int) Math.max(2, Math.min(256, targetBytes / 37_000_000L));
    long perFile = targetBytes / files;
    Random rnd = new Random(20261207L);
    List<String> recent = new ArrayList<>();
    long pages = 0, exact = 0, near = 0, compressed = 0, warcBytes = 0, htmlBytes = 0;
    for (int f = 0; f < files; f++) {
      Path file = warcs.resolve(String.format(Locale.ROOT, "crawl-%05d.warc.gz", f));
      try (CountingStream counted = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
        while (counted.count < perFile) {
          double dice = rnd.nextDouble();
          String html;
          if (!recent.isEmpty() && dice < EXACT) {
            html = recent.get(rnd.nextInt(recent.size()));
            exact++;
          } else if (!recent.isEmpty() && dice < EXACT + NEAR) {
            html = replaceWords(recent.get(rnd.nextInt(recent.size())), words, rnd, 0.01);
            near++;
          } else {
            html = replaceWords(templates.get(rnd.nextInt(templates.size())), words, rnd, 1.0);
            if (recent.size() < 500) recent.add(html); else recent.set(rnd.nextInt(recent.size()), html);
          }
          byte[] body = html.getBytes(StandardCharsets.UTF_8);
          String uri = "http://site-" + rnd.nextInt(5000) + ".example/page-" + pages;
          byte[] record = record(uri, new UUID(rnd.nextLong(), rnd.nextLong()), body);
          try (GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(counted), 1 << 16)) {
            gz.write(record);
          }
          pages++;
          warcBytes += record.length;
          htmlBytes += body.length;
        }
        compressed += counted.count;
      }
    }
    return new Manifest(files, pages, exact, near, compressed, warcBytes, htmlBytes);
  }

  /** The HTML pages of a WARC file, decoded with their declared charset (UTF-8 when none). */
  private static List<String> pages(Path warc) throws IOException {
    List<String> out = new ArrayList<>();
    try (WarcReader reader = new WarcReader(Files.newInputStream(warc))) {
      for (WarcRecord r : reader) {
        if (!(r instanceof WarcResponse resp)) continue;
        MediaType type = resp.http().contentType();
        if (!type.subtype().contains("html")) continue;
        Charset cs = StandardCharsets.UTF_8;
        try {
          String name = type.parameters().get("charset");
          if (name != null) cs = Charset.forName(name);
        } catch (RuntimeException e) {
          cs = StandardCharsets.UTF_8;
        }
        byte[] body = resp.http().body().stream().readAllBytes();
        if (body.length > 2000) out.add(new String(body, cs));
      }
    }
    return out;
  }

  /** Every word of the English gold texts, repeated as often as it occurs: drawing from it keeps word frequencies. */
  private static String[] words(Path goldJsonl) throws IOException {
    List<String> words = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(goldJsonl)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode n = JSON.readTree(line);
        if (!"en".equals(n.path("lang").asText())) continue;
        Matcher m = WORD.matcher(n.path("text").asText());
        while (m.find()) if (!m.group().startsWith("&")) words.add(m.group());
      }
    }
    return words.toArray(new String[0]);
  }

  /** Replaces each word of the page's text (not tags, scripts, styles or entities) with probability {@code p}. */
  static String replaceWords(String html, String[] words, Random rnd, double p) {
    StringBuilder out = new StringBuilder(html.length() + 64);
    Matcher tag = TAG.matcher(html);
    int at = 0;
    boolean code = false;
    while (true) {
      boolean found = tag.find();
      int end = found ? tag.start() : html.length();
      if (code) {
        out.append(html, at, end);
      } else {
        Matcher w = WORD.matcher(html).region(at, end);
        int from = at;
        while (w.find()) {
          out.append(html, from, w.start());
          out.append(w.group().startsWith("&") || rnd.nextDouble() >= p ? w.group() : words[rnd.nextInt(words.length)]);
          from = w.end();
        }
        out.append(html, from, end);
      }
      if (!found) break;
      String t = tag.group();
      out.append(t);
      String lower = t.length() > 8 ? t.substring(0, 8).toLowerCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT);
      if (lower.startsWith("<script") || lower.startsWith("<style")) code = true;
      else if (lower.startsWith("</script") || lower.startsWith("</style")) code = false;
      at = tag.end();
    }
    return out.toString();
  }

  private static byte[] record(String uri, UUID id, byte[] body) {
    byte[] http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    String header = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri
        + "\r\nWARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + id
        + ">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + (http.length + body.length)
        + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + http.length + body.length + 4);
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(http);
    out.writeBytes(body);
    out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Lets each record's gzip member finish without closing the file under it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override public void close() throws IOException {
      flush();
    }
  }
}
