package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.testing.HostileFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet reader on its own, without Spark: what a damaged row group costs when no page CRC catches it. */
class ParquetReaderTest {
  @TempDir Path dir;

  @Test
  void damageFoundPartWayThroughARowGroupKeepsTheRowsBeforeItAndCountsTheRestOfTheGroup() throws Exception {
    Path file = HostileFiles.parquetRows(dir.resolve("no-crc.parquet"), 1000, 4096, false);
    // 40 bytes cover at least one string's 4-byte length prefix in the plain-encoded text: it decodes to garbage.
    HostileFiles.damageRowGroup(file, 1, 0.5, 40, (byte) 'X');
    List<BlockMetaData> groups = HostileFiles.rowGroups(file);
    long first = groups.get(0).getRowCount();
    long end = first + groups.get(1).getRowCount();

    List<ReadRecord> records = new ArrayList<>();
    new ParquetReader("p", new IngestInput(), new IngestConfig())
        .read(new InputFile(file.toString(), Files.size(file), new HadoopConf(new Configuration())))
        .forEachRemaining(records::add);

    List<ReadRecord> rejects = records.stream().filter(r -> !r.isKept()).toList();
    assertEquals(1, rejects.size());
    ReadRecord damage = rejects.get(0);
    int at = records.indexOf(damage);
    assertTrue(at > first && at < end, "rows of the damaged group before the damage are kept: " + at);
    for (int i = 0; i < records.size(); i++) {
      // The row whose bytes the damage begins in decodes to other text: without a CRC no reader can tell.
      if (i == at || i == at - 1) continue;
      long row = i < at ? i : end + (i - at - 1);
      assertEquals(HostileFiles.parquetText((int) row), records.get(i).getDoc().getText());
      assertEquals(row, records.get(i).getDoc().getProvenance().getOffset());
    }
    assertTrue(records.get(at - 1).getDoc().getText().startsWith("document number " + (at - 1) + " "));
    assertEquals(at + 1 + 1000 - end, records.size(), "every row after the damaged group is read");
    long rowsLeft = end - at;
    assertEquals(Math.round((double) groups.get(1).getCompressedSize() * rowsLeft / groups.get(1).getRowCount()),
        damage.getBytesSkipped(), "the group's bytes in proportion to the rows left");
    assertTrue(damage.getRejectDetails().startsWith("{\"row_group\":1,\"first_row\":" + at + ",\"rows\":" + rowsLeft),
        damage.getRejectDetails());
  }
}
