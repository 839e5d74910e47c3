package dev.corpusforge.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.ProjectingInternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * One output file of a task, written with Spark's own Parquet row encoding (so Spark reads it back exactly as its own
 * files) into a local temporary file, then copied to its final path with a canonical footer ({@link CanonicalParquet}).
 * The schema may be a prefix of the rows' columns: only its fields are written. Not thread-safe; one per task and file.
 */
public final class PartFileWriter implements AutoCloseable {
  private final File local;
  private final ParquetWriter<InternalRow> writer;
  private final FileSystem fs;
  private final Path target;
  /** A view of a row's first columns: Spark's row writer takes every column of the row it is given. */
  private final ProjectingInternalRow prefix;
  private long rows;
  private long crc = -1;

  /** The codec of every part file: zstd, chosen by measurement (docs/bench/pipeline.md, ParquetCodecBench). */
  public static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;

  public PartFileWriter(StructType schema, Path target, Configuration conf) throws IOException {
    this(schema, target, conf, CODEC);
  }

  /** A writer with another codec, for the benchmark that chose {@link #CODEC}. */
  public PartFileWriter(StructType schema, Path target, Configuration conf, CompressionCodecName codec) throws IOException {
    this(schema, target, conf, codec, true);
  }

  /**
   * A writer that keeps the schema's nullability, as Spark's own writer does for a table built on the driver (the
   * stats tables, whose files must not change with the way they are written).
   */
  public static PartFileWriter keepingNullability(StructType schema, Path target, Configuration conf) throws IOException {
    return new PartFileWriter(schema, target, conf, CODEC, false);
  }

  private PartFileWriter(StructType schema, Path target, Configuration conf, CompressionCodecName codec,
                         boolean asNullable) throws IOException {
    this.target = target;
    this.fs = target.getFileSystem(conf);
    this.local = File.createTempFile("corpusforge-part-", ".parquet");
    List<Object> ordinals = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) ordinals.add(i);
    this.prefix = ProjectingInternalRow.apply(schema, JavaConverters.asScalaBuffer(ordinals));
    Configuration c = new Configuration(conf);
    // what Spark's Parquet writer sets from its SQL config; stage outputs are written nullable, as Spark writes query output
    ParquetWriteSupport.setSchema(asNullable ? nullable(schema) : schema, c);
    c.set("spark.sql.parquet.writeLegacyFormat", "false");
    c.set("spark.sql.parquet.outputTimestampType", "INT96");
    c.set("spark.sql.parquet.fieldId.write.enabled", "true");
    this.writer = new Builder(new Path(local.toURI())).withConf(c)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(codec)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .build();
  }

  public void write(InternalRow row) throws IOException {
    prefix.project(row);
    writer.write(prefix);
    rows++;
  }

  public long rows() { return rows; }

  /** The CRC-32 of the file as written, once closed. */
  public long crc() { return crc; }

  /** Closes the local file and copies it to the target with a canonical footer. */
  @Override public void close() throws IOException {
    try {
      writer.close();
      FileSystem localFs = FileSystem.getLocal(new Configuration(false)).getRawFileSystem();
      crc = CanonicalParquet.copy(localFs, new Path(local.toURI()), fs, target);
    } finally {
      Files.deleteIfExists(local.toPath());
    }
  }

  private static StructType nullable(StructType schema) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      StructField f = fields[i];
      fields[i] = new StructField(f.name(), nullable(f.dataType()), true, f.metadata());
    }
    return new StructType(fields);
  }

  private static DataType nullable(DataType t) {
    if (t instanceof StructType s) return nullable(s);
    if (t instanceof ArrayType a) return new ArrayType(nullable(a.elementType()), true);
    if (t instanceof MapType m) return new MapType(nullable(m.keyType()), nullable(m.valueType()), true);
    return t;
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
    Builder(Path path) {
      super(path);
    }

    @Override protected Builder self() { return this; }

    @Override protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new ParquetWriteSupport();
    }
  }
}
