package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WikipediaIngestTest {
  private static final List<String> MARKUP = List.of("{{", "}}", "[[", "]]", "<ref", "{|");

  private static Path enwiki() {
    return SparkTests.corpusSamples().resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2");
  }

  private static Path sample() {
    return SparkTests.root().resolve("data-samples/wikipedia/samplewiki-pages-articles.xml.bz2");
  }

  /** What a plain StAX pass, independent of the reader, finds in a dump. */
  private record Census(List<String> articleIds, long pages, long otherNamespaces, long articleRedirects) {}

  private static Census census(Path dump) throws Exception {
    try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(dump), true)) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      List<String> ids = new java.util.ArrayList<>();
      long pages = 0;
      long otherNs = 0;
      long redirects = 0;
      String ns = null;
      String id = null;
      boolean redirect = false;
      int depth = 0;
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = xml.getLocalName();
          if (name.equals("page")) { ns = null; id = null; redirect = false; }
          else if (name.equals("redirect")) redirect = true;
          else if (name.equals("ns")) { ns = xml.getElementText(); depth--; }
          else if (name.equals("id") && depth == 3) { id = xml.getElementText(); depth--; }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (!xml.getLocalName().equals("page")) continue;
          pages++;
          if (!"0".equals(ns)) otherNs++;
          else if (redirect) redirects++;
          else ids.add(id);
        }
      }
      return new Census(ids, pages, otherNs, redirects);
    }
  }

  @Test
  void englishDumpGivesOneDocumentPerArticleAndAlmostNoWikiMarkup() throws Exception {
    Census census = census(enwiki());
    List<String> articles = census.articleIds();
    ReaderTests t = ReaderTests.ingest("wikipedia", enwiki());

    List<Row> docs = t.docs().select("text", "title", "metadata").collectAsList();
    assertEquals(articles.size(), docs.size());
    assertEquals(articles.stream().sorted().toList(),
        docs.stream().map(d -> ReaderTests.metadata(d, "page_id")).sorted().toList());
    List<String> withMarkup = docs.stream().filter(d -> MARKUP.stream().anyMatch(d.<String>getAs("text")::contains))
        .map(d -> d.<String>getAs("title")).toList();
    assertTrue(withMarkup.size() * 100 < docs.size(), "documents with wiki markup: " + withMarkup);
    StageCounts.Group g = t.group(enwiki().getFileName().toString());
    assertEquals(census.pages(), g.read);
    assertEquals(Map.of("skipped:redirect", census.articleRedirects(), "skipped:namespace", census.otherNamespaces()),
        t.reasons(enwiki().getFileName().toString()));
  }

  @Test
  void bulgarianDumpInUtf16KeepsCyrillicText() throws Exception {
    Path bg = SparkTests.corpusSamples().resolve("wikipedia/bgwiki-pages-articles-shortened.xml.bz2");
    ReaderTests t = ReaderTests.ingest("wikipedia", bg);
    Row doc = t.docs().first();
    assertEquals("Григориански календар", doc.getAs("title"));
    String text = doc.getAs("text");
    assertTrue(text.startsWith("Григорианският календар (понякога наричан и Грегориански календар"), text.substring(0, 200));
    assertTrue(text.contains("\nОписание\n"), "heading kept as a line");
    assertEquals("https://bg.wikipedia.org/wiki/%D0%93%D1%80%D0%B8%D0%B3%D0%BE%D1%80%D0%B8%D0%B0%D0%BD%D1%81%D0%BA%D0%B8_%D0%BA%D0%B0%D0%BB%D0%B5%D0%BD%D0%B4%D0%B0%D1%80",
        doc.getAs("url"));
    assertEquals(Map.of("skipped:namespace", 2L), t.reasons(bg.getFileName().toString()));
  }

  @Test
  void sampleDumpRejectsRedirectsOtherNamespacesAndEmptyArticles() throws Exception {
    ReaderTests t = ReaderTests.ingest("wikipedia", sample());
    String file = sample().getFileName().toString();
    assertEquals(7, t.group(file).read);
    assertEquals(3, t.group(file).kept);
    assertEquals(Map.of("skipped:redirect", 1L, "skipped:namespace", 2L, "empty", 1L), t.reasons(file));

    Row bay = t.docs().filter("title = 'Lanternfish Bay'").first();
    String text = bay.getAs("text");
    assertTrue(text.startsWith("Lanternfish Bay is a small, sheltered inlet on the imaginary coast of Northmarch, known for its glowing fish. "
        + "The bay is fed by the river Silt and opens to the Grey Sea."), text);
    assertTrue(text.contains("\nHistory\n") && text.contains("\nLighthouse\n"), "headings are lines");
    assertTrue(text.contains("1861 \u2013 the same year") && text.contains("12\u00a0seconds"), "entities decoded");
    assertTrue(text.contains("See the harbour trust for details."), "external link label");
    assertTrue(text.contains("its range grows with its height"), "math dropped");
    assertTrue(text.contains("\nlanternfish, which glow at night;\ngrey herons;\nand the rare bay crab.\n"), text);
    for (String gone : List.of("Heron ||", "Coastal Survey", "Category", "Laternenfischbucht", "Editors", "NOTOC",
        "dusk", "Map of the bay", "'''")) {
      assertFalse(text.contains(gone), gone + " should be gone: " + text);
    }
    assertEquals("https://sample.wiki.test/wiki/Lanternfish_Bay", bay.getAs("url"));
    assertEquals("9001", ReaderTests.metadata(bay, "revision_id"));
    assertEquals("2024-03-01T10:00:00Z", ReaderTests.metadata(bay, "timestamp"));
    assertEquals("0", ReaderTests.metadata(bay, "namespace"));
    assertEquals(dev.corpusforge.doc.Documents.stableId("wikipedia", "samplewiki:101"), bay.getAs("id"));

    String railway = t.docs().filter("title = 'Copperleaf Railway'").first().getAs("text");
    assertTrue(railway.contains("the notation [[platform]] for request stops"), "nowiki kept verbatim: " + railway);
    assertFalse(railway.contains("Bessie") || railway.contains("citation needed"), railway);
  }

  /** The damaged and hostile dumps, ingested together in one job (each file is its own group in the counts). */
  private static ReaderTests damaged;

  @BeforeAll
  static void ingestDamagedDumps() throws Exception {
    Path dir = SparkTests.tempDir("wiki-damaged");
    byte[] whole = Files.readAllBytes(enwiki());
    Files.write(dir.resolve("enwiki-cut.xml.bz2"), Arrays.copyOf(whole, whole.length * 2 / 3));

    String xml = Files.readString(SparkTests.root().resolve("data-samples/sources/wikipedia/sample-wiki.xml"));
    int third = xml.indexOf("<page>", xml.indexOf("<page>", xml.indexOf("<page>") + 1) + 1);
    Files.writeString(dir.resolve("broken.xml"), xml.substring(0, third) + "<page><title>Broken</ti></page>" + xml.substring(third));

    Path secret = Files.createDirectory(dir.resolve("private")).resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-VALUE");
    Files.writeString(dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]>\n<mediawiki><page><title>T</title><ns>0</ns><id>1</id><revision><id>2</id>"
        + "<text>leak &x; here</text></revision></page></mediawiki>", StandardCharsets.UTF_8);

    Files.createFile(dir.resolve("empty.xml.bz2"));

    // Multistream: the dump cut in two at a page boundary, each part its own bzip2 stream, concatenated.
    String sample = Files.readString(SparkTests.root().resolve("data-samples/sources/wikipedia/sample-wiki.xml"));
    int cut = sample.indexOf("  <page>", sample.indexOf("<title>Copperleaf"));
    java.io.ByteArrayOutputStream multi = new java.io.ByteArrayOutputStream();
    for (String part : new String[] {sample.substring(0, cut), sample.substring(cut)}) {
      var bz = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(multi);
      bz.write(part.getBytes(StandardCharsets.UTF_8));
      bz.finish(); // ends this stream, leaves the byte buffer open for the next

    }
    Files.write(dir.resolve("multistream.xml.bz2"), multi.toByteArray());

    // Invalid UTF-8 before the last page.
    int last = xml.lastIndexOf("<page>");
    java.io.ByteArrayOutputStream badUtf8 = new java.io.ByteArrayOutputStream();
    badUtf8.write(xml.substring(0, last).replace("</mediawiki>", "").getBytes(StandardCharsets.UTF_8));
    badUtf8.write("<!-- padding -->\n".repeat(2_000).getBytes(StandardCharsets.UTF_8));
    badUtf8.write(new byte[] {(byte) 0xC3, (byte) 0x28});
    badUtf8.write(xml.substring(last).getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("bad-utf8.xml"), badUtf8.toByteArray());

    damaged = ReaderTests.ingest("wikipedia", dir.resolve("enwiki-cut.xml.bz2"), dir.resolve("broken.xml"),
        dir.resolve("xxe.xml"), dir.resolve("empty.xml.bz2"), dir.resolve("multistream.xml.bz2"),
        dir.resolve("bad-utf8.xml"));
  }

  @Test
  void truncatedBz2KeepsThePagesBeforeTheCut() {
    StageCounts.Group g = damaged.group("enwiki-cut.xml.bz2");
    assertEquals(1L, g.rejectedByReason.get("corrupt"));
    assertTrue(g.kept > 0 && g.read < 206, "pages before the cut are kept: " + g.read);
  }

  @Test
  void malformedXmlMidFileCostsOnlyItsPage() {
    StageCounts.Group broken = damaged.group("broken.xml");
    StageCounts.Group clean = damaged.group("bad-utf8.xml");
    assertEquals(1L, broken.rejectedByReason.get("corrupt"));
    assertEquals(clean.read + 1, broken.read, "every page of the sample, and the broken one");
    assertEquals(clean.kept, broken.kept, "the pages after the broken one are kept");
    assertEquals(clean.read - 2, broken.counters.get("recovered_after_damage"),
        "the pages after the broken third one, in _counts.json");
    String details = damaged.rejects().filter("reject_reason = 'corrupt' and provenance.file like '%broken.xml'")
        .first().getAs("reject_details");
    assertTrue(details.contains("\"page\":3"), details);
  }

  @Test
  void externalEntitiesAreNeverResolved() {
    assertEquals(0, damaged.group("xxe.xml").kept);
    for (Row r : damaged.rejects().collectAsList()) assertFalse(r.toString().contains("TOP-SECRET"), r.toString());
  }

  @Test
  void multistreamBz2IsReadToTheLastStream() {
    assertEquals(7, damaged.group("multistream.xml.bz2").read);
    assertEquals(3, damaged.group("multistream.xml.bz2").kept);
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersAndTheDumpReadsOn() {
    StageCounts.Group g = damaged.group("bad-utf8.xml");
    assertFalse(g.rejectedByReason.containsKey("corrupt"), g.rejectedByReason.toString());
    assertEquals(7, g.read, "all seven pages, the one after the bad bytes included");
  }

  @Test
  void emptyDumpIsOneEmptyFileReject() {
    assertEquals(Map.of("empty-file", 1L), damaged.reasons("empty.xml.bz2"));
  }
}
