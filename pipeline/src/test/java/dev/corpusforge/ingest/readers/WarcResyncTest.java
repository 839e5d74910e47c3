package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.testing.SparkTests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Web archives damaged in the ways crawls are (issue 18): a lying Content-Length, a cut gzip member, garbage between
 * records. Each damage costs the record it is in; the records after it are kept with the text they have in an
 * undamaged archive, and the damage is a counted reject with the bytes it covers.
 */
class WarcResyncTest {
  private static final String[] WORDS = {"the first page parses", "the page after the damage", "and one more page"};

  static byte[] http(String title, String words) {
    String body = "<html><head><title>" + title + "</title></head><body><p>" + (words + " ").repeat(30).strip()
        + "</p></body></html>";
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return concat(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + b.length
        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), b);
  }

  /** A WARC response record whose header claims {@code claimed} bytes (the true length when negative). */
  static byte[] warc(int n, byte[] block, long claimed) {
    String head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000" + n
        + ">\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://r" + n + ".resync.test/\r\n"
        + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + (claimed < 0 ? block.length : claimed)
        + "\r\n\r\n";
    return concat(head.getBytes(StandardCharsets.UTF_8), block, "\r\n\r\n".getBytes(StandardCharsets.UTF_8));
  }

  static byte[] record(int n) {
    return warc(n, http("page " + n, WORDS[n - 1]), -1);
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  private static List<ReadRecord> read(String name, byte[] bytes) throws Exception {
    Path f = SparkTests.tempDir("warc-resync").resolve(name);
    Files.write(f, bytes);
    return WarcReaderTest.read(f, new IngestConfig());
  }

  private static String reasons(List<ReadRecord> records) {
    return records.stream().map(r -> r.isKept() ? "kept:" + r.getDoc().getUrl() : r.getRejectReason())
        .collect(Collectors.joining(", "));
  }

  /** The texts an undamaged archive of records 1 and 3 gives: what must survive the damage, exactly. */
  private static List<String> cleanTexts() throws Exception {
    return texts(read("clean.warc", concat(record(1), record(3))));
  }

  private static List<String> texts(List<ReadRecord> records) {
    return records.stream().filter(ReadRecord::isKept).map(r -> r.getDoc().getText()).collect(Collectors.toList());
  }

  @Test
  void anUndamagedArchiveGivesEveryRecord() throws Exception {
    List<ReadRecord> r = read("clean.warc", concat(record(1), record(2), record(3)));
    assertEquals("kept:http://r1.resync.test/, kept:http://r2.resync.test/, kept:http://r3.resync.test/", reasons(r),
        r.toString());
  }

  @Test
  void aRecordLargerThanTheReadBuffersIsReadWhole() throws Exception {
    byte[] big = warc(2, http("big", "a page of a megabyte ".repeat(2000)), -1);
    List<ReadRecord> r = read("big.warc", concat(record(1), big, record(3)));
    assertEquals("kept:http://r1.resync.test/, kept:http://r2.resync.test/, kept:http://r3.resync.test/", reasons(r));
    assertTrue(r.get(1).getDoc().getText().length() > 1_000_000, "the whole page");
  }

  @Test
  void aMemberClaimingTenGigabytesCostsOnlyItsRecord() throws Exception {
    byte[] liar = gzip(warc(2, http("liar", "a record that claims ten gigabytes"), 10L << 30));
    List<ReadRecord> r = read("ten-gb.warc.gz", concat(gzip(record(1)), liar, gzip(record(3))));

    assertEquals("kept:http://r1.resync.test/, bad-content-length, kept:http://r3.resync.test/", reasons(r));
    assertEquals(cleanTexts(), texts(r));
    assertTrue(r.get(1).getRejectDetails().contains("runs past the end of the gzip member"), r.get(1).getRejectDetails());
    assertEquals("http://r2.resync.test/", r.get(1).getDoc().getUrl(), "the liar is named by its own header");
  }

  @Test
  void aMemberCutInHalfCostsOnlyItsRecord() throws Exception {
    byte[] first = gzip(record(1));
    byte[] cut = gzip(record(2));
    cut = Arrays.copyOf(cut, cut.length / 2);
    List<ReadRecord> r = read("cut-member.warc.gz", concat(first, cut, gzip(record(3))));

    assertEquals("kept:http://r1.resync.test/, corrupt, kept:http://r3.resync.test/", reasons(r));
    assertEquals(cleanTexts(), texts(r));
    assertEquals(cut.length, r.get(1).getBytesSkipped(), "the damaged member's compressed bytes");
    assertEquals(first.length, r.get(1).getDoc().getProvenance().getOffset());
    assertEquals(first.length + cut.length, r.get(2).getDoc().getProvenance().getOffset(),
        "the next member is found where it starts");
  }

  @Test
  void aFlippedByteInAMemberCostsOnlyItsRecord() throws Exception {
    byte[] bad = gzip(record(2));
    bad[bad.length / 2] ^= 0x55;
    List<ReadRecord> r = read("flipped.warc.gz", concat(gzip(record(1)), bad, gzip(record(3))));

    assertEquals("kept:http://r1.resync.test/, corrupt, kept:http://r3.resync.test/", reasons(r));
    assertEquals(cleanTexts(), texts(r));
  }

  @Test
  void aPlainArchiveResumesAtTheNextHeaderAfterAShortOrLongClaim() throws Exception {
    for (long claim : new long[] {60, 5000, 10L << 30}) {
      byte[] liar = warc(2, http("liar", "a record whose length lies"), claim);
      List<ReadRecord> r = read("liar-" + claim + ".warc", concat(record(1), liar, record(3)));

      assertEquals("kept:http://r1.resync.test/, bad-content-length, kept:http://r3.resync.test/", reasons(r),
          "claimed " + claim);
      assertEquals(cleanTexts(), texts(r));
      assertEquals(liar.length, r.get(1).getBytesSkipped(), "the liar's bytes, claimed " + claim);
    }
  }

  @Test
  void aClaimPastTheEndOfAPlainFileCostsOnlyItsRecord() throws Exception {
    byte[] liar = warc(3, http("liar", "the last record claims more than the file holds"), 1_000_000);
    List<ReadRecord> r = read("past-eof.warc", concat(record(1), liar));

    assertEquals("kept:http://r1.resync.test/, bad-content-length", reasons(r));
    assertTrue(r.get(1).getRejectDetails().contains("runs past the end of the file"), r.get(1).getRejectDetails());
  }

  /** An ARC v1 record: a header line whose last field is the block's length, the block, a line end. */
  static byte[] arc(String url, byte[] block, long claimed) {
    String head = url + " 192.0.2.1 20240101000000 text/html " + (claimed < 0 ? block.length : claimed) + "\n";
    return concat(head.getBytes(StandardCharsets.US_ASCII), block, "\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void anArcRecordWithALyingLengthCostsOnlyItself() throws Exception {
    byte[] version = "1 0 corpusforge\nURL IP-address Archive-date Content-type Archive-length\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] filedesc = concat(("filedesc://resync.arc 0.0.0.0 20240101000000 text/plain " + version.length + "\n")
        .getBytes(StandardCharsets.US_ASCII), version, "\n".getBytes(StandardCharsets.US_ASCII));
    byte[] one = arc("http://r1.resync.test/", http("page 1", WORDS[0]), -1);
    byte[] three = arc("http://r3.resync.test/", http("page 3", WORDS[2]), -1);
    byte[] liar = arc("http://r2.resync.test/", http("liar", "an ARC record whose length lies"), 70);

    List<ReadRecord> clean = read("clean.arc", concat(filedesc, one, three));
    List<ReadRecord> r = read("liar.arc", concat(filedesc, one, liar, three));

    assertEquals(reasons(clean).replace("kept:http://r3", "bad-content-length, kept:http://r3"), reasons(r));
    assertEquals(texts(clean), texts(r));
    assertEquals(2, texts(r).size(), reasons(r));
  }

  @Test
  void garbageBetweenRecordsIsOneRejectWithItsBytes() throws Exception {
    byte[] garbage = "this is not a record\r\nnor is this\r\n".repeat(10).getBytes(StandardCharsets.UTF_8);
    List<ReadRecord> r = read("garbage.warc", concat(record(1), garbage, record(3)));

    assertEquals("kept:http://r1.resync.test/, corrupt, kept:http://r3.resync.test/", reasons(r));
    assertEquals(cleanTexts(), texts(r));
    assertEquals(garbage.length, r.get(1).getBytesSkipped());
  }

  @Test
  void aWholeFileGzipCutInTheMiddleKeepsTheRecordsBeforeAndRejectsTheRestOnce() throws Exception {
    byte[] whole = gzip(concat(record(1), record(2), record(3)));
    List<ReadRecord> r = read("whole.warc.gz", Arrays.copyOf(whole, whole.length - 30));

    assertEquals("corrupt", r.get(r.size() - 1).getRejectReason(), reasons(r));
    assertEquals(1, r.stream().filter(x -> !x.isKept()).count(), reasons(r));
    assertEquals("kept:http://r1.resync.test/", reasons(r.subList(0, 1)));
    assertTrue(r.get(r.size() - 1).getBytesSkipped() > 0);
  }
}
