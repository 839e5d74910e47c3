package dev.corpusforge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.doc.Document;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.SparkTests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * What ends a file early (issue 15): damage a reader met is `corrupt` with the bytes left unread; any other exception
 * is a programming error, `<reader>:error`, which the stage's error budget counts.
 */
class GuardedRecordsTest {
  /** A reader that yields two documents from the file's first bytes, then fails as {@code failure} says. */
  private static SourceReader failingAfterTwo(Supplier<RuntimeException> failure) {
    return file -> {
      InputStream in = file.open();
      in.readNBytes(100);
      return new Iterator<>() {
        int n;

        @Override public boolean hasNext() {
          if (n == 2) throw failure.get();
          return true;
        }

        @Override public ReadRecord next() {
          n++;
          return ReadRecord.kept(new Document("d" + n, "test", null, null, "text " + n, null));
        }
      };
    };
  }

  private static List<ReadRecord> read(SourceReader reader) throws IOException {
    Path f = SparkTests.tempDir("guarded").resolve("input.bin");
    Files.write(f, new byte[10_000]);
    InputFile file = new InputFile(f.toString(), Files.size(f), new HadoopConf(new Configuration()));
    List<ReadRecord> out = new ArrayList<>();
    for (GuardedRecords it = new GuardedRecords(reader, "test", file, "test"); it.hasNext(); ) out.add(it.next());
    return out;
  }

  @Test
  void damageIsCorruptWithTheBytesLeftUnread() throws IOException {
    List<ReadRecord> r = read(failingAfterTwo(() -> new UncheckedIOException(new java.util.zip.ZipException("cut"))));

    assertEquals(3, r.size());
    assertEquals("corrupt", r.get(2).getRejectReason());
    long unread = r.get(2).getBytesSkipped();
    assertTrue(unread > 0 && unread < 10_000, "what the reader had not reached: " + unread);
    assertTrue(r.get(2).getRejectDetails().contains("\"bytes_unread\":" + unread), r.get(2).getRejectDetails());
  }

  @Test
  void aNullPointerExceptionIsAReaderErrorNotCorruptData() throws IOException {
    List<ReadRecord> r = read(failingAfterTwo(NullPointerException::new));

    assertEquals("test:error", r.get(2).getRejectReason());
    assertTrue(r.get(2).getRejectDetails().contains("NullPointerException"), r.get(2).getRejectDetails());
  }

  @Test
  void aStackOverflowIsAReaderErrorToo() throws IOException {
    List<ReadRecord> r = read(file -> {
      throw new StackOverflowError();
    });

    assertEquals(1, r.size());
    assertEquals("test:error", r.get(0).getRejectReason());
  }
}
