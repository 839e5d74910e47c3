package dev.corpusforge.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DecompressionBudgetTest {

  private static byte[] gzipOfZeros(int bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(new byte[bytes]);
    }
    return out.toByteArray();
  }

  @Test
  void gzipWithinTheCapReadsToTheEnd() throws Exception {
    DecompressionBudget budget = new DecompressionBudget("ok.gz", 1 << 20);
    try (InputStream in = Compression.decompress(new ByteArrayInputStream(gzipOfZeros(1 << 20)), "ok.gz", budget)) {
      assertEquals(1 << 20, in.readAllBytes().length);
    }
    assertEquals(1 << 20, budget.used());
  }

  @Test
  void gzipPastTheCapFailsNamingFileAndSetting() throws Exception {
    DecompressionBudget budget = new DecompressionBudget("hdfs://nn/bomb.gz", 1000);
    InputStream in = Compression.decompress(new ByteArrayInputStream(gzipOfZeros(1 << 20)), "bomb.gz", budget);
    ArchiveLimitException e = assertThrows(ArchiveLimitException.class, () -> in.readAllBytes());
    assertTrue(e.getMessage().startsWith("archive-limit: hdfs://nn/bomb.gz"), e.getMessage());
    assertTrue(e.getMessage().contains("ingest.maxArchiveBytes"), e.getMessage());
  }

  @Test
  void streamsWrappedWithOneBudgetShareIt() throws Exception {
    DecompressionBudget budget = new DecompressionBudget("many-entries.zip", 1500);
    budget.wrap(new ByteArrayInputStream(new byte[1000])).readAllBytes();
    InputStream second = budget.wrap(new ByteArrayInputStream(new byte[1000]));
    assertThrows(ArchiveLimitException.class, second::readAllBytes);
  }

  @Test
  void skippedBytesCountToo() throws Exception {
    DecompressionBudget budget = new DecompressionBudget("skip.gz", 100);
    InputStream in = budget.wrap(new ByteArrayInputStream(new byte[1000]));
    assertThrows(ArchiveLimitException.class, () -> in.skip(500));
  }

  @Test
  void uncompressedFilesAreNotCapped() throws Exception {
    DecompressionBudget budget = new DecompressionBudget("plain.jsonl", 10);
    try (InputStream in = Compression.decompress(new ByteArrayInputStream(new byte[1000]), "plain.jsonl", budget)) {
      assertEquals(1000, in.readAllBytes().length);
    }
  }
}
