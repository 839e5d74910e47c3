package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
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
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * JSONL text that is not valid Unicode (issue 18): lone surrogate escapes and bytes that are not UTF-8 become U+FFFD
 * and are counted, or reject the record, as {@code ingest.invalidCodePoints} says; never a silent '?'.
 */
class JsonlCodePointsTest {
  private static byte[] lines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"id\":\"ok-1\",\"text\":\"a clean line\"}\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes("{\"id\":\"lone\",\"text\":\"a lone \\ud800 surrogate and a pair \\ud83d\\ude00\",\"title\":\"\\udfff\"}\n"
        .getBytes(StandardCharsets.UTF_8));
    out.writeBytes("{\"id\":\"bytes\",\"text\":\"broken \u00c3".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[] {'(', ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, ' ', 'x'});
    out.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes("{\"id\":\"ok-2\",\"text\":\"the line after the bad ones, caf\u00e9 \ud83d\ude00\"}\n"
        .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static List<ReadRecord> read(String mode) throws Exception {
    Path f = SparkTests.tempDir("jsonl-code-points").resolve("bad.jsonl");
    Files.write(f, lines());
    IngestConfig config = new IngestConfig();
    config.invalidCodePoints = mode;
    IngestInput fields = new IngestInput();
    fields.source = "jsonl";
    InputFile in = new InputFile(f.toString(), Files.size(f), new HadoopConf(new Configuration()));
    List<ReadRecord> out = new ArrayList<>();
    for (Iterator<ReadRecord> it = new JsonlReader("jsonl", fields, config).read(in); it.hasNext(); ) out.add(it.next());
    return out;
  }

  @Test
  void replacedWithUfffdAndCounted() throws Exception {
    List<ReadRecord> r = read("replace");

    assertEquals(4, r.stream().filter(ReadRecord::isKept).count());
    assertEquals("a lone \uFFFD surrogate and a pair \ud83d\ude00", r.get(1).getDoc().getText(), "the valid pair is kept");
    assertEquals("\uFFFD", r.get(1).getDoc().getTitle());
    assertEquals(2, r.get(1).getInvalidCodePoints());
    assertEquals("broken \uFFFD( \uFFFD x", r.get(2).getDoc().getText(),
        "each malformed sequence is one U+FFFD, as Java's decoder delimits it (an encoded surrogate is one)");
    assertEquals(2, r.get(2).getInvalidCodePoints());
    assertEquals("the line after the bad ones, caf\u00e9 \ud83d\ude00", r.get(3).getDoc().getText());
    assertEquals(List.of(0L, 2L, 2L, 0L), r.stream().map(ReadRecord::getInvalidCodePoints).collect(Collectors.toList()));
  }

  @Test
  void orTheRecordRejected() throws Exception {
    List<ReadRecord> r = read("reject");

    assertEquals("null, invalid-code-points, invalid-code-points, null",
        r.stream().map(ReadRecord::getRejectReason).map(String::valueOf).collect(Collectors.joining(", ")));
    assertEquals("{\"count\":2}", r.get(1).getRejectDetails());
    assertEquals("the line after the bad ones, caf\u00e9 \ud83d\ude00", r.get(3).getDoc().getText());
  }

  @Test
  void anUnknownChoiceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> read("question-mark"));
  }
}
