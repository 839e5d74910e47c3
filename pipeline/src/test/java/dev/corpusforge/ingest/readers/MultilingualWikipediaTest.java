package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.MultilingualSamples;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The Chinese and Japanese Wikipedia samples through the dump reader, and the malformed zhwiki pages. */
class MultilingualWikipediaTest {
  /** Wiki markup that must not survive conversion. */
  private static final List<String> RESIDUE = List.of("{{", "}}", "[[", "]]", "-{", "}-", "<ref", "{|", "|}", "'''",
      "[[Category:", "[[分类:", "[[Category", "カテゴリ:");

  static List<ReadRecord> read(Path file) throws Exception {
    InputFile in = new InputFile(file.toUri().toString(), Files.size(file), new HadoopConf(new Configuration()));
    List<ReadRecord> out = new ArrayList<>();
    for (Iterator<ReadRecord> it = new WikipediaDumpReader(new IngestConfig()).read(in); it.hasNext(); ) out.add(it.next());
    return out;
  }

  /** Characters inside residue tokens over all characters of the kept articles. */
  static double residueShare(List<ReadRecord> records) {
    long chars = 0;
    long residue = 0;
    for (ReadRecord r : records) {
      if (!r.isKept()) continue;
      String t = r.getDoc().getText();
      chars += t.length();
      for (String token : RESIDUE) {
        for (int i = t.indexOf(token); i >= 0; i = t.indexOf(token, i + 1)) residue += token.length();
      }
    }
    assertTrue(chars > 10_000, "only " + chars + " characters kept");
    return (double) residue / chars;
  }

  @Test
  void chineseArticlesHaveNoVariantMarkupAndUnderOnePercentResidue() throws Exception {
    List<ReadRecord> records = read(MultilingualSamples.path(MultilingualSamples.ZH_WIKI));
    assertEquals(33, records.size());
    assertEquals(23, records.stream().filter(ReadRecord::isKept).count());
    for (ReadRecord r : records) {
      if (r.isKept()) assertFalse(r.getDoc().getText().contains("-{"), r.getDoc().getTitle());
    }
    double share = residueShare(records);
    assertTrue(share < 0.01, "markup residue " + share);
  }

  @Test
  void japaneseArticlesUnderOnePercentResidue() throws Exception {
    List<ReadRecord> records = read(MultilingualSamples.path(MultilingualSamples.JA_WIKI));
    assertEquals(54, records.stream().filter(ReadRecord::isKept).count());
    double share = residueShare(records);
    assertTrue(share < 0.01, "markup residue " + share);
  }

  @Test
  void malformedZhwikiPagesEndAsCountedRejects() throws Exception {
    Map<String, String> expected = Map.of(
        "zhwiki-page-missing-title.xml", "malformed:missing-title",
        "zhwiki-page-missing-ns.xml", "malformed:missing-namespace",
        "zhwiki-page-texts-element.xml", "empty",
        "zhwiki-page-empty-text.xml", "empty");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      List<ReadRecord> records = read(SparkTests.corpusSamples().resolve("multilingual/edge-cases").resolve(e.getKey()));
      Map<String, Integer> reasons = new TreeMap<>();
      for (ReadRecord r : records) reasons.merge(r.isKept() ? "kept" : r.getRejectReason(), 1, Integer::sum);
      assertEquals(3, records.size(), e.getKey() + " " + reasons);
      assertEquals("skipped:namespace", records.get(0).getRejectReason(), "the intact Wikipedia: pages before it");
      assertEquals(e.getValue(), records.get(2).getRejectReason(), e.getKey() + " " + reasons);
    }
  }
}
