package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.SparkTests;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcWriter;

/** The web reader record by record, without Spark: charsets, ids, metadata, limits, WET text, the sample itself. */
class WarcReaderTest {
  private static final Path SAMPLE = SparkTests.root().resolve("data-samples/web/sample.warc.gz");

  static List<ReadRecord> read(Path file, IngestConfig limits) throws Exception {
    InputFile in = new InputFile(file.toString(), Files.size(file), new HadoopConf(new Configuration()));
    List<ReadRecord> out = new ArrayList<>();
    for (Iterator<ReadRecord> it = new WarcReader("web", limits).read(in); it.hasNext(); ) out.add(it.next());
    return out;
  }

  private static Document doc(List<ReadRecord> records, String url) {
    return records.stream().filter(r -> r.isKept() && url.equals(r.getDoc().getUrl())).findFirst()
        .orElseThrow(() -> new AssertionError("no document for " + url)).getDoc();
  }

  @Test
  void committedSampleIsWhatTheGeneratorWrites() throws Exception {
    Path fresh = SparkTests.tempDir("web-sample").resolve("sample.warc.gz");
    WebSample.write(fresh);
    assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(SAMPLE),
        "data-samples/web/sample.warc.gz is stale: rerun WebSample.main from the project root");
  }

  @Test
  void windows1252PageWithoutAnyDeclarationIsDetected() throws Exception {
    Document d = doc(read(SAMPLE, new IngestConfig()), "http://trains.example/night-train");
    assertTrue(d.getText().contains("Breakfast – a roll, jam and coffee – arrives"), d.getText());
    assertEquals("windows-1252", d.getMetadata().get("charset"));
    assertEquals("detected", d.getMetadata().get("charset_source"));
    assertEquals("Sleeping across a continent – the night train", d.getTitle());
  }

  @Test
  void metaCharsetIsUsedWhenTheHeaderHasNone() throws Exception {
    Document d = doc(read(SAMPLE, new IngestConfig()), "http://cafe.example/menu-history");
    assertTrue(d.getText().contains("list oat milk beside the crème brûlée"), d.getText());
    assertTrue(d.getText().contains("euros (€)"), d.getText());
    assertEquals("windows-1252", d.getMetadata().get("charset"));
    assertEquals("meta", d.getMetadata().get("charset_source"));
  }

  @Test
  void headerCharsetWinsOverMetaAndUtf8IsDetected() {
    byte[] utf8 = "<meta charset=\"windows-1252\"><p>naïve</p>".getBytes(StandardCharsets.UTF_8);
    assertEquals("utf-8", HtmlCharset.decode(utf8, "UTF-8").charset);
    assertEquals("header", HtmlCharset.decode(utf8, "utf-8").source);
    assertTrue(HtmlCharset.decode(utf8, null).text.contains("naÃ¯ve"), "meta says windows-1252, so it is believed");
    byte[] undeclared = "<p>naïve</p>".getBytes(StandardCharsets.UTF_8);
    assertTrue(HtmlCharset.decode(undeclared, null).text.contains("naïve"));
    assertEquals("windows-1252", HtmlCharset.decode(undeclared, "ISO-8859-1").charset);
  }

  @Test
  void idOffsetAndMetadataComeFromTheWarcRecord() throws Exception {
    List<ReadRecord> records = read(SAMPLE, new IngestConfig());
    Document d = doc(records, "http://bees.example/rooftop-hives");
    String recordId = "<" + WebSample.id("response http://bees.example/rooftop-hives") + ">";
    assertEquals(Documents.stableId("web", recordId), d.getId());
    assertEquals(recordId, d.getProvenance().getEntry());
    assertEquals(1972, d.getProvenance().getOffset(), "gzip member offset of the fourth record");
    assertEquals("web", d.getSource());
    assertEquals("Rooftop hives in the city", d.getTitle(), "the headline, without the site name");
    assertTrue(d.getText().contains("May | 6 | none"), "table rows, one per line: " + d.getText());
    assertEquals("response", d.getMetadata().get("warc_type"));
    assertEquals("2026-11-01T10:03:00Z", d.getMetadata().get("warc_date"));
  }

  @Test
  void recordsOverTheLimitsAreRejectedAsTooLarge() throws Exception {
    IngestConfig small = new IngestConfig();
    small.maxRecordBytes = 1000;
    List<ReadRecord> records = read(SAMPLE, small);
    assertEquals(0, records.stream().filter(ReadRecord::isKept).count());
    assertEquals(4, records.stream().filter(r -> "too-large".equals(r.getRejectReason())).count());
    IngestConfig shortDocs = new IngestConfig();
    shortDocs.maxDocumentChars = 100;
    assertEquals(4, read(SAMPLE, shortDocs).stream().filter(r -> "too-large".equals(r.getRejectReason())).count());
  }

  @Test
  void wetConversionRecordsAreKeptAsText() throws Exception {
    Path wet = SparkTests.tempDir("wet").resolve("sample.warc.wet.gz");
    try (FileChannel ch = FileChannel.open(wet, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         WarcWriter w = new WarcWriter(ch, WarcCompression.GZIP)) {
      w.write(WebSample.conversion("http://notes.example/a", "First line of a converted page.\nSecond line."));
      w.write(WebSample.conversion("http://notes.example/empty", "  \n "));
    }
    List<ReadRecord> records = read(wet, new IngestConfig());
    assertEquals(2, records.size());
    Document d = records.get(0).getDoc();
    assertTrue(records.get(0).isKept());
    assertEquals("First line of a converted page.\nSecond line.", d.getText());
    assertNull(d.getTitle());
    assertEquals("notes.example", d.getMetadata().get("domain"));
    assertEquals("no-content", records.get(1).getRejectReason());
    assertFalse(records.get(1).isKept());
  }

  @Test
  void htmlResourceRecordsAreExtractedAndOtherResourcesSkipped() throws Exception {
    Path warc = SparkTests.tempDir("resource").resolve("resources.warc");
    byte[] html = WebSample.page("Night trains | Rail Notes", WebSample.TRAINS).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(warc, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         WarcWriter w = new WarcWriter(ch, WarcCompression.NONE)) {
      w.write(new WarcResource.Builder(java.net.URI.create("http://trains.example/saved")).date(WebSample.date(1))
          .recordId(WebSample.id("resource html")).body(MediaType.HTML_UTF8, html).build());
      w.write(new WarcResource.Builder(java.net.URI.create("http://trains.example/data.json")).date(WebSample.date(2))
          .recordId(WebSample.id("resource json")).body(MediaType.parse("application/json"), "{}".getBytes()).build());
    }
    List<ReadRecord> records = read(warc, new IngestConfig());
    assertTrue(records.get(0).isKept());
    assertTrue(records.get(0).getDoc().getText().startsWith("The night train leaves the capital"));
    assertEquals("utf-8", records.get(0).getDoc().getMetadata().get("charset"));
    assertEquals("skipped:non-html", records.get(1).getRejectReason());
  }
}
