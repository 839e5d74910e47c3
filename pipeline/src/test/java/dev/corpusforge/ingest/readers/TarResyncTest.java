package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.SparkTests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Tar archives with a damaged region (issue 18): a header whose checksum fails, garbage blocks, stray end-of-archive
 * blocks. Reading resumes at the next valid ustar header on a 512-byte boundary, the region is one `corrupt` reject
 * with exactly its bytes, and the entries after it are kept with their exact text.
 */
class TarResyncTest {
  private static final String[] NAMES = {"a", "b", "c"};

  private static String source(String name) {
    return ("def " + name + "():\n    return 'a function in file " + name + "'\n\n").repeat(20);
  }

  private static byte[] tar(String... files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < files.length; i += 2) {
        byte[] content = files[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(files[i]);
        e.setSize(content.length);
        e.setModTime(1_704_067_200_000L);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] repoTar() throws Exception {
    List<String> files = new ArrayList<>();
    for (String n : NAMES) {
      files.add("repo/" + n + ".py");
      files.add(source(n));
    }
    return tar(files.toArray(new String[0]));
  }

  /** Where an entry's header starts: its name is the header's first field. */
  private static int header(byte[] tar, String name) {
    int at = new String(tar, StandardCharsets.ISO_8859_1).indexOf(name + "\0");
    assertEquals(0, at % 512, name);
    return at;
  }

  private static byte[] insert(byte[] tar, int at, byte[] blocks) {
    byte[] out = new byte[tar.length + blocks.length];
    System.arraycopy(tar, 0, out, 0, at);
    System.arraycopy(blocks, 0, out, at, blocks.length);
    System.arraycopy(tar, at, out, at + blocks.length, tar.length - at);
    return out;
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream g = new GzipCompressorOutputStream(out)) {
      g.write(bytes);
    }
    return out.toByteArray();
  }

  private static List<ReadRecord> read(SourceReader reader, String name, byte[] bytes) throws Exception {
    Path f = SparkTests.tempDir("tar-resync").resolve(name);
    Files.write(f, bytes);
    InputFile in = new InputFile(f.toString(), Files.size(f), new HadoopConf(new Configuration()));
    List<ReadRecord> r = new ArrayList<>();
    for (Iterator<ReadRecord> it = reader.read(in); it.hasNext(); ) r.add(it.next());
    return r;
  }

  private static List<ReadRecord> readRepo(String name, byte[] bytes) throws Exception {
    return read(new CodeRepoReader(new IngestConfig()), name, bytes);
  }

  private static String verdicts(List<ReadRecord> r) {
    return r.stream().map(x -> x.isKept() ? x.getDoc().getMetadata().get("path") : x.getRejectReason())
        .collect(Collectors.joining(", "));
  }

  private static void assertKept(ReadRecord r, String name) {
    assertTrue(r.isKept(), r.toString());
    assertEquals(source(name), r.getDoc().getText());
  }

  private static void assertCorrupt(ReadRecord r, long offset, long bytes) {
    assertEquals("corrupt", r.getRejectReason());
    assertEquals(bytes, r.getBytesSkipped());
    assertTrue(r.getRejectDetails().contains("\"offset\":" + offset + ",\"bytes_skipped\":" + bytes),
        r.getRejectDetails());
  }

  @Test
  void aHeaderWithABadChecksumCostsItsEntryOnly() throws Exception {
    byte[] tar = repoTar();
    int b = header(tar, "repo/b.py");
    int c = header(tar, "repo/c.py");
    tar[b + 100] ^= 1; // the mode field: still parses, but the checksum no longer verifies
    for (byte[] bytes : new byte[][] {tar, gzip(tar)}) {
      List<ReadRecord> r = readRepo(bytes == tar ? "repo.tar" : "repo.tar.gz", bytes);
      assertEquals("repo/a.py, corrupt, repo/c.py", verdicts(r));
      assertKept(r.get(0), "a");
      assertCorrupt(r.get(1), b, c - b); // b's header and its data blocks
      assertKept(r.get(2), "c");
    }
  }

  @Test
  void garbageBlocksBetweenEntriesAreOneRejectWithTheirBytes() throws Exception {
    byte[] tar = repoTar();
    int b = header(tar, "repo/b.py");
    byte[] garbage = new byte[3 * 512];
    new Random(18).nextBytes(garbage);
    List<ReadRecord> r = readRepo("repo.tar", insert(tar, b, garbage));
    assertEquals("repo/a.py, corrupt, repo/b.py, repo/c.py", verdicts(r));
    assertCorrupt(r.get(1), b, garbage.length);
    assertKept(r.get(0), "a");
    assertKept(r.get(2), "b");
    assertKept(r.get(3), "c");
  }

  @Test
  void endOfArchiveBlocksFollowedByEntriesAreDamageNotTheEnd() throws Exception {
    byte[] tar = repoTar();
    int b = header(tar, "repo/b.py");
    for (int zeros : new int[] {1, 2, 5}) {
      List<ReadRecord> r = readRepo("repo.tar", insert(tar, b, new byte[zeros * 512]));
      assertEquals("repo/a.py, corrupt, repo/b.py, repo/c.py", verdicts(r), zeros + " zero blocks");
      assertCorrupt(r.get(1), b, zeros * 512L);
      assertKept(r.get(2), "b");
      assertKept(r.get(3), "c");
    }
  }

  @Test
  void damageWithNoHeaderAfterItCoversTheRestOfTheStream() throws Exception {
    byte[] tar = repoTar();
    int c = header(tar, "repo/c.py");
    Arrays.fill(tar, c, c + 300, (byte) 'x'); // no parseable header from here on
    List<ReadRecord> r = readRepo("repo.tar", tar);
    assertEquals("repo/a.py, repo/b.py, corrupt", verdicts(r));
    assertKept(r.get(1), "b");
    assertCorrupt(r.get(2), c, tar.length - c);
  }

  @Test
  void anUndamagedTarHasNoRejectAndACutGzipStaysOneFailure() throws Exception {
    byte[] tar = repoTar();
    List<ReadRecord> r = readRepo("repo.tar", tar);
    assertEquals("repo/a.py, repo/b.py, repo/c.py", verdicts(r));
    // A cut gzip stream is no damaged header: nothing after it can be read, and the reader fails (GuardedRecords
    // turns that into one `corrupt` reject with the bytes left unread).
    byte[] gz = gzip(tar);
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    assertThrows(Exception.class, () -> readRepo("cut.tar.gz", cut));
  }

  @Test
  void aDamagedEntryInAPaperTarDropsOnlyThatFile() throws Exception {
    String main = "\\documentclass{article}\\title{Resync}\\begin{document}\\input{intro}\\section{Results}"
        + "Results text that stays.\\end{document}";
    String intro = "\\section{Introduction} Introduction text that stays.";
    byte[] tar = tar("notes.txt", "x".repeat(2000), "intro.tex", intro, "main.tex", main);
    List<ReadRecord> clean = read(new ArxivReader(new IngestConfig()), "2401.00018.tar.gz", gzip(tar));
    assertEquals(1, clean.size());
    assertTrue(clean.get(0).isKept(), clean.toString());

    int notes = header(tar, "notes.txt");
    int next = header(tar, "intro.tex");
    tar[notes] = 'N'; // the name changed: the checksum no longer verifies
    List<ReadRecord> r = read(new ArxivReader(new IngestConfig()), "2401.00018.tar.gz", gzip(tar));
    assertEquals(2, r.size(), r.toString());
    assertCorrupt(r.get(0), notes, next - notes);
    assertTrue(r.get(1).isKept(), r.toString());
    assertEquals(clean.get(0).getDoc().getText(), r.get(1).getDoc().getText());
    assertEquals("1", r.get(1).getDoc().getMetadata().get("damaged_tar_regions"));
  }
}
