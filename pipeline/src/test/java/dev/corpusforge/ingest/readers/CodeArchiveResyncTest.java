package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.SparkTests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A repository zip with one damaged entry (issue 18): the central directory says where every entry is, so the damaged
 * entry is one `corrupt` reject with its compressed bytes, and the entries after it are kept with their exact text.
 */
class CodeArchiveResyncTest {
  private static String source(String name) {
    return ("def " + name + "():\n    return 'a function in file " + name + "'\n\n").repeat(20);
  }

  private static byte[] zip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String n : new String[] {"a", "b", "c"}) {
        ZipEntry e = new ZipEntry("repo/" + n + ".py");
        e.setTime(1_704_067_200_000L);
        z.putNextEntry(e);
        z.write(source(n).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void aDamagedZipEntryCostsOnlyItself() throws Exception {
    byte[] bytes = zip();
    // The first byte of b.py's deflate data: block type 3 does not exist, so inflating it fails.
    String header = "repo/b.py";
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(header) + header.length();
    bytes[at] = (byte) 0xFF;
    Path f = SparkTests.tempDir("zip-resync").resolve("repo.zip");
    Files.write(f, bytes);

    InputFile in = new InputFile(f.toString(), Files.size(f), new HadoopConf(new Configuration()));
    List<ReadRecord> r = new ArrayList<>();
    for (Iterator<ReadRecord> it = new CodeRepoReader(new IngestConfig()).read(in); it.hasNext(); ) r.add(it.next());

    assertEquals("kept, corrupt, kept", r.stream().map(x -> x.isKept() ? "kept" : x.getRejectReason())
        .collect(Collectors.joining(", ")));
    assertEquals(source("a"), r.get(0).getDoc().getText());
    assertEquals(source("c"), r.get(2).getDoc().getText());
    assertTrue(r.get(1).getRejectDetails().contains("\"entry\":\"repo/b.py\""), r.get(1).getRejectDetails());
    assertTrue(r.get(1).getBytesSkipped() > 0);
  }
}
