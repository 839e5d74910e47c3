package dev.corpusforge.ingest.readers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.DatasetReader;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.stage.Json;
import dev.corpusforge.stage.Rejects;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Parquet files, read by Spark itself (columnar, split by row group) rather than record by record. Text, id, url and
 * title come from the configured columns; the record's own id goes to metadata {@code source_id} and every other
 * column to metadata too (scalars as text, nested values as JSON). Ids are {@code stableId(name, own id)}, or
 * {@code stableId(name, file name + ":" + row index)} for rows without one. Footers are checked first, one task per
 * file: a file that is not Parquet (or is truncated) is one {@code corrupt} reject, a file without rows one
 * {@code empty-file} reject, and the rest of the input is read as usual. A file whose footer is sound but whose data
 * pages are damaged keeps the rows before the damage and adds one {@code corrupt} reject for the rest (an extra pass
 * over the input counts the rows each file yields).
 */
public final class ParquetReader implements DatasetReader {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final IngestInput fields;
  private final IngestConfig limits;

  public ParquetReader(String source, IngestInput fields, IngestConfig limits) {
    this.source = source;
    this.fields = fields;
    this.limits = limits;
  }

  /** Per-record reading is Spark's job here; this exists for the interface and reads nothing. */
  @Override public Iterator<ReadRecord> read(InputFile file) {
    throw new UnsupportedOperationException("Parquet inputs are read as a Dataset by records()");
  }

  @Override public Dataset<Row> records(SparkSession spark, List<InputFile> files) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // One small (path, row count or error) pair per file: the driver sees the file list, never the rows.
    List<Tuple2<String, String>> footers = jsc.parallelize(files, Math.max(1, Math.min(files.size(), 1000)))
        .map(ParquetReader::footer).collect();
    Map<String, Long> readable = new LinkedHashMap<>();
    List<ReadRecord> broken = new ArrayList<>();
    for (Tuple2<String, String> f : footers) {
      if (f._2.startsWith("rows:")) {
        if (f._2.equals("rows:0")) broken.add(fileReject(f._1, "empty-file", "{\"rows\":0}"));
        else readable.put(normalized(f._1), Long.parseLong(f._2.substring("rows:".length())));
      } else {
        long length = files.stream().filter(x -> x.path().equals(f._1)).mapToLong(InputFile::length).findFirst().orElse(-1);
        broken.add(fileReject(f._1, "corrupt", "{\"bytes_unread\":" + length + ",\"error\":" + Json.quote(f._2) + "}"));
      }
    }
    if (readable.isEmpty()) return rejects(spark, broken);
    // A damaged data page under a valid footer must not fail the job: Spark skips the rest of such a file, and the
    // rows it could not read are one `corrupt` reject, found by comparing rows read with the footer's count.
    Dataset<Row> docs = inSchemaOrder(rows(spark.read().option("ignoreCorruptFiles", "true")
        .parquet(readable.keySet().toArray(new String[0]))));
    broken.addAll(unreadRows(docs, readable));
    return docs.unionByName(rejects(spark, broken));
  }

  /**
   * One `corrupt` reject per file that yielded fewer rows than its footer holds. Every column of the documents goes
   * into the aggregate, so a damaged page in any column the documents use is read, as the write will read it.
   */
  private List<ReadRecord> unreadRows(Dataset<Row> docs, Map<String, Long> footerRows) {
    Column everything = length(to_json(struct(col("id"), col("metadata"), col("text"), col("title"), col("url"))));
    Map<String, Long> read = new HashMap<>();
    // The documents' own spelling of each path, so that a file's rows and its reject share one count group.
    Map<String, String> spelling = new HashMap<>();
    for (Row r : docs.groupBy(col("provenance.file")).agg(count(lit(1)), sum(everything)).collectAsList()) {
      read.put(normalized(r.getString(0)), r.getLong(1));
      spelling.put(normalized(r.getString(0)), r.getString(0));
    }
    List<ReadRecord> out = new ArrayList<>();
    footerRows.forEach((path, rows) -> {
      long got = read.getOrDefault(path, 0L);
      String file = spelling.getOrDefault(path, path);
      if (got < rows) {
        Document doc = new Document(Documents.stableId(source, file + "#corrupt@" + got), source, null, null, null,
            new Provenance(file, -1, "#corrupt@" + got));
        out.add(ReadRecord.rejected(doc, "corrupt", "{\"after_records\":" + got + ",\"rows_in_footer\":" + rows
            + ",\"error\":" + Json.quote("damaged data page: rows " + got + " to " + (rows - 1) + " of " + file
            + " could not be decoded and were skipped (the executor log has the decoder's error)") + "}"));
      }
    });
    return out;
  }

  /** A file path as Hadoop prints it, whether it came from a listing or (URL-encoded) from Spark's _metadata. */
  private static String normalized(String path) {
    try {
      return new Path(new URI(path)).toString();
    } catch (URISyntaxException e) {
      return new Path(path).toString();
    }
  }

  private static Dataset<Row> rejects(SparkSession spark, List<ReadRecord> rejects) {
    return inSchemaOrder(spark.createDataset(rejects, Encoders.bean(ReadRecord.class))
        .select(col("doc.*"), col("rejectReason").as(Rejects.REASON), col("rejectDetails").as(Rejects.DETAILS)));
  }

  private static Tuple2<String, String> footer(InputFile f) {
    Path p = new Path(f.path());
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, f.conf().get()))) {
      return new Tuple2<>(f.path(), "rows:" + r.getRecordCount());
    } catch (IOException | RuntimeException e) {
      return new Tuple2<>(f.path(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private ReadRecord fileReject(String path, String reason, String details) {
    Document doc = new Document(Documents.stableId(source, path + "#" + reason), source, null, null, null,
        new Provenance(path, -1, "#" + reason));
    return ReadRecord.rejected(doc, reason, details);
  }

  private Dataset<Row> rows(Dataset<Row> in) {
    StructType schema = in.schema();
    Set<String> names = Set.of(schema.fieldNames());
    Column file = col("_metadata.file_path");
    Column row = col("_metadata.row_index");
    Column ownId = names.contains(fields.idField) ? col(fields.idField).cast("string") : lit(null).cast("string");
    Column key = when(ownId.isNotNull(), ownId)
        .otherwise(concat(col("_metadata.file_name"), lit(":"), row.cast("string")));
    Column id = substring(sha2(concat(lit(source), lit("\u0000"), key), 256), 1, 32);

    List<Column> meta = new ArrayList<>();
    for (StructField f : schema.fields()) {
      String n = f.name();
      if (n.equals(fields.textField) || n.equals(fields.idField) || n.equals(fields.urlField)
          || n.equals(fields.titleField) || n.equals("source_id")) continue;
      boolean nested = f.dataType() instanceof StructType || f.dataType() instanceof ArrayType
          || f.dataType() instanceof MapType;
      meta.add(lit(n));
      meta.add(nested ? to_json(col("`" + n + "`")) : col("`" + n + "`").cast("string"));
    }
    meta.add(lit("source_id"));
    meta.add(ownId);
    Column metadata = expr("map_filter(m, (k, v) -> v IS NOT NULL)");

    Column text = names.contains(fields.textField) ? col(fields.textField).cast("string") : lit(null).cast("string");
    Dataset<Row> docs = in.select(
        id.as("id"),
        lit(null).cast("string").as("language"),
        lit(null).cast("double").as("languageScore"),
        org.apache.spark.sql.functions.map(meta.toArray(new Column[0])).as("m"),
        struct(concat(lit("row "), row.cast("string")).as("entry"), file.as("file"), row.as("offset")).as("provenance"),
        lit(source).as("source"),
        text.as("text"),
        optional(names, fields.titleField).as("title"),
        optional(names, fields.urlField).as("url"));
    return docs.withColumn("metadata", metadata).drop("m")
        .withColumn(Rejects.REASON, when(col("text").isNull(), lit("missing-text"))
            .when(length(col("text")).gt(limits.maxDocumentChars), lit("too-large")))
        .withColumn(Rejects.DETAILS, when(col("text").isNull(), lit("{\"field\":" + Json.quote(fields.textField) + "}"))
            .when(length(col("text")).gt(limits.maxDocumentChars),
                concat(lit("{\"chars\":"), length(col("text")).cast("string"), lit("}"))));
  }

  private static Column optional(Set<String> names, String field) {
    return field != null && names.contains(field) ? col(field).cast("string") : lit(null).cast("string");
  }

  /** Document columns in the schema's order and types, then the reject columns: what every reader yields. */
  private static Dataset<Row> inSchemaOrder(Dataset<Row> d) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : Documents.SCHEMA.fields()) cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
    cols.add(col(Rejects.REASON).cast("string"));
    cols.add(col(Rejects.DETAILS).cast("string"));
    return d.select(cols.toArray(new Column[0]));
  }
}
