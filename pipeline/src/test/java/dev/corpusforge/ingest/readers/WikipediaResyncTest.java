package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.SparkTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A MediaWiki dump with a page that is not well-formed XML (issue 18): that page is one `corrupt` reject naming its id
 * and title with the bytes skipped, and the pages after it are kept with the text they have in an undamaged dump.
 * Entities stay unexpanded and DTDs unread: a page that uses an undeclared entity is damaged, not resolved.
 */
class WikipediaResyncTest {
  private static final String HEAD = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\" version=\"0.10\">\n"
      + "<siteinfo><sitename>Resync</sitename><dbname>resyncwiki</dbname></siteinfo>\n";

  static String page(int id, String title, String text) {
    return "<page><title>" + title + "</title><ns>0</ns><id>" + id + "</id><revision><id>" + (id * 10)
        + "</id><text xml:space=\"preserve\">" + text + "</text></revision></page>\n";
  }

  private static final String AFTER = page(3, "After", "The page after the damage is read as usual. '''Bold''' and [[links]]. ");

  static List<ReadRecord> read(String name, String xml) throws Exception {
    Path f = SparkTests.tempDir("wiki-resync").resolve(name);
    Files.write(f, xml.getBytes(StandardCharsets.UTF_8));
    InputFile in = new InputFile(f.toString(), Files.size(f), new HadoopConf(new Configuration()));
    List<ReadRecord> out = new ArrayList<>();
    for (Iterator<ReadRecord> it = new WikipediaDumpReader(new IngestConfig()).read(in); it.hasNext(); ) out.add(it.next());
    return out;
  }

  private static String reasons(List<ReadRecord> records) {
    return records.stream().map(r -> r.isKept() ? "kept:" + r.getDoc().getTitle() : r.getRejectReason())
        .collect(Collectors.joining(", "));
  }

  private static String afterText() throws Exception {
    return read("clean.xml", HEAD + AFTER + "</mediawiki>\n").get(0).getDoc().getText();
  }

  @Test
  void anUndeclaredEntityRejectsItsPageAloneAndTheNextPageIsKept() throws Exception {
    String bad = page(2, "Entity", "a page with an &undeclared; entity in it");
    List<ReadRecord> r = read("entity.xml", HEAD + bad + AFTER + "</mediawiki>\n");

    assertEquals("corrupt, kept:After", reasons(r));
    assertEquals(afterText(), r.get(1).getDoc().getText());
    String details = r.get(0).getRejectDetails();
    assertTrue(details.contains("\"page_id\":\"2\"") && details.contains("\"title\":\"Entity\""), details);
    assertTrue(details.contains("undeclared"), details);
    assertEquals(bad.strip().getBytes(StandardCharsets.UTF_8).length, r.get(0).getBytesSkipped());
  }

  @Test
  void mismatchedTagsAMissingEndTagAndGarbageBetweenPagesCostOnlyThemselves() throws Exception {
    String mismatched = page(2, "Mismatched", "ok").replace("</text>", "<b>and</i></text>");
    String unclosed = "<page><title>Unclosed</title><ns>0</ns><id>4</id><revision><text>no end tags\n";
    String damagedStart = "<pgae><title>Damaged start tag</title></page>";
    List<ReadRecord> r = read("broken.xml", HEAD + mismatched + "<!-- a comment --> and text\n" + damagedStart + "\n"
        + unclosed + AFTER);

    assertEquals("corrupt, corrupt, corrupt, kept:After", reasons(r), "comments and text between pages are no record");
    assertEquals(afterText(), r.get(3).getDoc().getText());
    assertTrue(r.get(1).getRejectDetails().contains("no page"), r.get(1).getRejectDetails());
    assertEquals(("\n<!-- a comment --> and text\n" + damagedStart + "\n").length(), r.get(1).getBytesSkipped(),
        "the region between the pages");
    assertTrue(r.get(2).getRejectDetails().contains("\"title\":\"Unclosed\""), r.get(2).getRejectDetails());
  }

  @Test
  void aDtdIsNeverReadAndItsEntitiesNeverExpanded() throws Exception {
    String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [\n<!ENTITY a \"aaaaaaaaaa\">\n"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n";
    List<ReadRecord> r = read("dtd.xml", bomb + HEAD + page(4, "Laughs", "&b;") + AFTER + "</mediawiki>\n");

    assertEquals("corrupt, kept:After", reasons(r));
    assertFalse(r.get(0).getRejectDetails().contains("aaaaaaaaaa"), r.get(0).getRejectDetails());
  }
}
