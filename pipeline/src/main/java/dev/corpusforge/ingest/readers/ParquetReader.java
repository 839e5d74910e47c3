package dev.corpusforge.ingest.readers;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.io.LookAhead;
import dev.corpusforge.stage.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet files, read row group by row group with parquet-mr, so that damage costs only its row group. Text, id, url
 * and title come from the configured columns; the record's own id goes to metadata {@code source_id} and every other
 * column to metadata too (scalars as text, nested values as JSON: {@link ParquetRowText}). Ids are
 * {@code stableId(name, own id)}, or {@code stableId(name, file name + ":" + row index)} for rows without one.
 * <ul>
 *   <li>A damaged footer (the file's only index: without it no row group can be found) is one {@code corrupt} reject
 *       with every byte of the file counted as skipped.</li>
 *   <li>A damaged row group (a page failing its CRC, which parquet-mr writes by default and this reader verifies, or
 *       a page that cannot be decompressed or decoded) is one {@code corrupt} reject with the row group's bytes
 *       skipped; reading resumes at the next row group, found through the footer. Damage met part-way through a row
 *       group keeps the rows before it (each row is read whole, all columns, before it is yielded) and counts the
 *       row group's bytes in proportion to its rows left. Smaller units than a row group are not recovered: a page
 *       holds a different run of rows in each column, and lining them up needs the optional offset index.</li>
 *   <li>Strings are UTF-8 checked: invalid sequences and encoded surrogates follow {@code ingest.invalidCodePoints}.</li>
 * </ul>
 */
public final class ParquetReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ParquetReader.class);

  private final String source;
  private final IngestInput fields;
  private final IngestConfig limits;

  public ParquetReader(String source, IngestInput fields, IngestConfig limits) {
    CodePointPolicy.check(limits);
    this.source = source;
    this.fields = fields;
    this.limits = limits;
  }

  @Override public Iterator<ReadRecord> read(InputFile file) {
    ParquetFileReader reader;
    try {
      reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.path()), file.conf().get()),
          HadoopReadOptions.builder(file.conf().get()).usePageChecksumVerification(true).build());
    } catch (IOException | RuntimeException e) {
      if (!isDamage(e)) throw e instanceof RuntimeException ? (RuntimeException) e : new UncheckedIOException((IOException) e);
      LOG.warn("{}: unreadable Parquet footer ({}); whole file skipped, counted as reject:corrupt", file.path(), message(e));
      ReadRecord r = reject(file, 0, "{\"bytes_unread\":" + file.length() + ",\"error\":" + Json.quote(message(e)) + "}");
      r.setBytesSkipped(file.length());
      return List.of(r).iterator();
    }
    return new RowGroups(file, reader);
  }

  /** The rows of one file, row group after row group; a damaged row group becomes one reject. */
  private final class RowGroups extends LookAhead<ReadRecord> {
    private final InputFile file;
    private final ParquetFileReader reader;
    private final List<BlockMetaData> groups;
    private final MessageColumnIO columns;
    private final ParquetRowText rows;
    private final int text;
    private final int id;
    private final int url;
    private final int title;
    private final String[] names;
    private int group = -1;
    private long firstRow;
    private long rowInGroup;
    private RecordReader<String[]> records;

    RowGroups(InputFile file, ParquetFileReader reader) {
      this.file = file;
      this.reader = reader;
      groups = reader.getRowGroups();
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      columns = new ColumnIOFactory().getColumnIO(schema);
      rows = new ParquetRowText(schema);
      names = schema.getFields().stream().map(f -> f.getName()).toArray(String[]::new);
      text = column(schema, fields.textField);
      id = column(schema, fields.idField);
      url = column(schema, fields.urlField);
      title = column(schema, fields.titleField);
    }

    @Override protected ReadRecord read() {
      while (true) {
        if (records != null && rowInGroup < groups.get(group).getRowCount()) {
          try {
            String[] row = records.read();
            rowInGroup++;
            return toRecord(row, firstRow + rowInGroup - 1);
          } catch (RuntimeException e) {
            if (!isDamage(e)) throw e;
            records = null;
            return damagedGroup(e);
          }
        }
        records = null;
        if (group >= 0) firstRow += groups.get(group).getRowCount();
        if (++group >= groups.size()) {
          close();
          return null;
        }
        rowInGroup = 0;
        if (groups.get(group).getRowCount() == 0) continue;
        try {
          PageReadStore pages = reader.readRowGroup(group);
          records = columns.getRecordReader(pages, rows);
        } catch (IOException | RuntimeException e) {
          if (!isDamage(e)) throw e instanceof RuntimeException ? (RuntimeException) e : new UncheckedIOException((IOException) e);
          return damagedGroup(e);
        }
      }
    }

    /** One reject for the rows of the current row group not yet read, with their share of its bytes. */
    private ReadRecord damagedGroup(Exception e) {
      BlockMetaData g = groups.get(group);
      long rowsLeft = g.getRowCount() - rowInGroup;
      long bytes = Math.round((double) g.getCompressedSize() * rowsLeft / g.getRowCount());
      LOG.warn("{}: row group {} (rows {} to {}): {}; {} rows skipped, counted as reject:corrupt, reading on at the "
          + "next row group", file.path(), group, firstRow + rowInGroup, firstRow + g.getRowCount() - 1, message(e), rowsLeft);
      ReadRecord r = reject(file, firstRow + rowInGroup, "{\"row_group\":" + group + ",\"first_row\":"
          + (firstRow + rowInGroup) + ",\"rows\":" + rowsLeft + ",\"bytes_skipped\":" + bytes
          + ",\"error\":" + Json.quote(message(e)) + "}");
      r.setBytesSkipped(bytes);
      return r;
    }

    private ReadRecord toRecord(String[] row, long index) {
      String ownId = id >= 0 ? row[id] : null;
      String key = ownId != null ? ownId : file.name() + ":" + index;
      Document doc = new Document(Documents.stableId(source, key), source, value(row, url), value(row, title), null,
          new Provenance(file.path(), index, "row " + index));
      for (int i = 0; i < row.length; i++) {
        if (i == text || i == id || i == url || i == title || row[i] == null || names[i].equals("source_id")) continue;
        doc.putMetadata(names[i], row[i]);
      }
      if (ownId != null) doc.putMetadata("source_id", ownId);
      String body = value(row, text);
      if (body == null) {
        return ReadRecord.rejected(doc, "missing-text", "{\"field\":" + Json.quote(fields.textField) + "}");
      }
      if (body.length() > limits.maxDocumentChars) {
        return ReadRecord.rejected(doc, "too-large", "{\"chars\":" + body.length() + "}");
      }
      doc.setText(body);
      return CodePointPolicy.apply(ReadRecord.kept(doc), rows.invalidCodePoints(), limits);
    }

    private void close() {
      try {
        reader.close();
      } catch (IOException e) {
        LOG.warn("{}: closing: {}", file.path(), e.toString());
      }
    }
  }

  private static int column(MessageType schema, String name) {
    return name != null && schema.containsField(name) ? schema.getFieldIndex(name) : -1;
  }

  private static String value(String[] row, int column) {
    return column >= 0 ? row[column] : null;
  }

  private ReadRecord reject(InputFile file, long row, String details) {
    String entry = "#corrupt@" + row;
    Document doc = new Document(Documents.stableId(source, file.name() + entry), source, null, null, null,
        new Provenance(file.path(), -1, entry));
    return ReadRecord.rejected(doc, "corrupt", details);
  }

  /**
   * Damage, not a bug: an I/O error (a checksum, a cut file), or an exception thrown from inside parquet-mr or a
   * decompressor (a CRC mismatch, an undecodable page, a footer that is not Parquet). Anything thrown from our own
   * code is left to the ingest stage to count as a reader error.
   */
  static boolean isDamage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) return true;
      for (StackTraceElement frame : t.getStackTrace()) {
        String c = frame.getClassName();
        if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) continue;
        if (c.startsWith("org.apache.parquet.") || c.startsWith("shaded.parquet.") || c.startsWith("org.xerial.snappy.")
            || c.startsWith("com.github.luben.zstd.") || c.startsWith("io.airlift.compress.")
            || c.startsWith("org.apache.hadoop.io.compress.")) return true;
        break;
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
