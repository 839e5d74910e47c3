package dev.corpusforge.stats;

import dev.corpusforge.io.CanonicalParquet;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
    // Sorted here rather than by Spark: a global sort of a few rows would cost a sampling job and a shuffle.
    List<Row> rows = new ArrayList<>(table.rows.collectAsList());
    rows.sort(order(schema, table.orderBy));
    writeParquet(table.name, rows, schema);
    writeCsv(new Path(dir, table.name + ".csv"), rows, schema);
    return rows;
  }

  /** Compares rows by the given columns, nulls first; any further column breaks ties, for a total order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<Row> order(StructType schema, List<String> columns) {
    List<Integer> keys = new ArrayList<>();
    for (String c : columns) keys.add(schema.fieldIndex(c));
    for (int i = 0; i < schema.size(); i++) if (!keys.contains(i)) keys.add(i);
    return (a, b) -> {
      for (int i : keys) {
        Object x = a.get(i);
        Object y = b.get(i);
        if (x == null || y == null) {
          if (x != y) return x == null ? -1 : 1;
          continue;
        }
        int c = ((Comparable) x).compareTo(y);
        if (c != 0) return c;
      }
      return 0;
    };
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
