package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.col;

import dev.corpusforge.io.CanonicalParquet;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as {@code <name>/part-00000.parquet} (canonical footer, so reruns are byte-identical) and as
 * {@code <name>.csv} beside it, for readers without a Parquet library (Debian's pandas has no pyarrow).
 */
final class StatsTableWriter {
  private final SparkSession spark;
  private final Path dir;
  private final FileSystem fs;

  StatsTableWriter(SparkSession spark, Path dir) throws IOException {
    this.spark = spark;
    this.dir = dir;
    this.fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /** Computes the table, writes both files and returns its rows (a stats table is small by construction). */
  List<Row> write(StatsTable table) throws IOException {
    StructType schema = table.rows.schema();
    List<Row> rows = table.rows.orderBy(table.orderBy.stream().map(c -> col(c).asc_nulls_first()).toArray(Column[]::new))
        .collectAsList();
    writeParquet(table.name, rows, schema);
    writeCsv(new Path(dir, table.name + ".csv"), rows, schema);
    return rows;
  }

  private void writeParquet(String name, List<Row> rows, StructType schema) throws IOException {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    fs.delete(tmp, true);
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "zstd")
        .parquet(tmp.toString());
    fs.delete(target, true);
    fs.mkdirs(target);
    for (FileStatus st : fs.listStatus(tmp)) {
      if (st.getPath().getName().endsWith(".parquet")) {
        CanonicalParquet.copy(fs, st.getPath(), new Path(target, "part-00000.parquet"));
      }
    }
    fs.delete(tmp, true);
  }

  private void writeCsv(Path path, List<Row> rows, StructType schema) throws IOException {
    try (Writer w = new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8)) {
      String[] names = schema.fieldNames();
      for (int i = 0; i < names.length; i++) w.write((i > 0 ? "," : "") + Csv.quote(names[i]));
      w.write('\n');
      for (Row r : rows) {
        for (int i = 0; i < names.length; i++) {
          if (i > 0) w.write(',');
          Object v = r.get(i);
          if (v != null) w.write(Csv.quote(String.valueOf(v)));
        }
        w.write('\n');
      }
    }
  }

}
