package dev.corpusforge.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.readers.WikipediaDumpReader;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A multistream dump read by several tasks (split at the index's stream offsets, or at the stream starts a scan finds)
 * gives byte-identical documents, rejects and counts to the one-task read. The dump is built here from the shared
 * English Wikipedia excerpt the way Wikipedia builds its multistream dumps: the header in a stream of its own, then
 * streams of a few pages each, the closing tag last, and an index of {@code offset:page id:title} lines.
 */
class MultistreamSplitTest {
  private static final Pattern PAGE = Pattern.compile("  <page>.*?</page>\n", Pattern.DOTALL);
  private static final Pattern PAGE_ID = Pattern.compile("<id>(\\d+)</id>");
  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");
  private static final Configuration CONF = SparkTests.spark().sparkContext().hadoopConfiguration();

  /** Writes the multistream dump and its index into {@code dir}; returns the number of page streams. */
  static int buildMultistream(Path dir, int pagesPerStream) throws Exception {
    String xml;
    try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(
        SparkTests.corpusSamples().resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2")), true)) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int headerEnd = xml.indexOf("</siteinfo>") + "</siteinfo>\n".length();
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    StringBuilder index = new StringBuilder();
    stream(dump, xml.substring(0, headerEnd));
    Matcher page = PAGE.matcher(xml);
    page.region(headerEnd, xml.length());
    StringBuilder run = new StringBuilder();
    int inRun = 0, streams = 0, last = headerEnd;
    while (page.find()) {
      assertTrue(xml.substring(last, page.start()).isBlank(), "only whitespace between pages");
      last = page.end();
      Matcher id = PAGE_ID.matcher(page.group());
      Matcher title = TITLE.matcher(page.group());
      assertTrue(id.find() && title.find());
      index.append(dump.size()).append(':').append(id.group(1)).append(':').append(title.group(1)).append('\n');
      run.append(page.group());
      if (++inRun == pagesPerStream) {
        stream(dump, run.toString());
        run.setLength(0);
        inRun = 0;
        streams++;
      }
    }
    if (inRun > 0) {
      stream(dump, run.toString());
      streams++;
    }
    stream(dump, xml.substring(last));
    Files.write(dir.resolve("enwiki-test-pages-articles-multistream.xml.bz2"), dump.toByteArray());
    ByteArrayOutputStream idx = new ByteArrayOutputStream();
    stream(idx, index.toString());
    Files.write(dir.resolve("enwiki-test-pages-articles-multistream-index.txt.bz2"), idx.toByteArray());
    return streams;
  }

  private static void stream(ByteArrayOutputStream out, String text) throws Exception {
    try (OutputStream z = new BZip2CompressorOutputStream(new NonClosing(out))) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void splitReadIsByteIdenticalToOneTaskRead() throws Exception {
    Path dir = SparkTests.tempDir("multistream");
    Path input = Files.createDirectories(dir.resolve("dump"));
    int streams = buildMultistream(input, 10);
    assertTrue(streams >= 20, "pages in streams of 10: " + streams);
    long dumpBytes = Files.size(input.resolve("enwiki-test-pages-articles-multistream.xml.bz2"));

    List<InputFile> listed = InputFiles.list(List.of(input.toString()), new WikipediaDumpReader(new IngestConfig()), CONF);
    assertEquals(2, listed.size(), "dump and index are both in the folder");
    List<InputFile> planned = MultistreamSplits.split(listed, dumpBytes / 8, CONF);
    assertTrue(planned.size() >= 6, "about 8 splits, the index is not an input: " + planned.size());
    for (InputFile f : planned) assertTrue(f.path().endsWith("multistream.xml.bz2"), f.path());

    Path whole = ingest(dir, "whole", input, Long.MAX_VALUE);
    Path byIndex = ingest(dir, "index", input, dumpBytes / 8);
    assertSame(whole, byIndex);

    Files.delete(input.resolve("enwiki-test-pages-articles-multistream-index.txt.bz2"));
    assertEquals(planned.size(), MultistreamSplits.split(
        InputFiles.list(List.of(input.toString()), new WikipediaDumpReader(new IngestConfig()), CONF), dumpBytes / 8, CONF).size(),
        "the scan finds the streams the index names");
    Path byScan = ingest(dir, "scan", input, dumpBytes / 8);
    assertSame(whole, byScan);
  }

  private static Path ingest(Path dir, String name, Path input, long splitBytes) throws Exception {
    PipelineConfig config = SparkTests.defaults();
    config.ingest.splitBytes = splitBytes;
    IngestInput in = new IngestInput();
    in.source = "wikipedia";
    in.paths.add(input.toString());
    RunDir run = new RunDir(dir.resolve(name).toString());
    StageCounts counts = IngestStage.run(SparkTests.spark(), run, in, config);
    assertEquals(206, counts.total.read, "every page once");
    return Path.of(run.root());
  }

  private static void assertSame(Path a, Path b) throws Exception {
    for (String sub : List.of("ingest/wikipedia", "ingest/_rejects/wikipedia")) {
      List<byte[]> x = SparkTests.parquetParts(a.resolve(sub));
      List<byte[]> y = SparkTests.parquetParts(b.resolve(sub));
      assertEquals(x.size(), y.size(), sub);
      for (int i = 0; i < x.size(); i++) assertArrayEquals(x.get(i), y.get(i), sub + " part " + i);
    }
    assertArrayEquals(Files.readAllBytes(a.resolve("ingest/_counts.json")), Files.readAllBytes(b.resolve("ingest/_counts.json")));
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override public void close() throws java.io.IOException {
      flush();
    }
  }
}
