package dev.corpusforge.stats;

import dev.corpusforge.io.PartFileWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * Writes a table as {@code <name>/part-00000.parquet} (canonical footer, so reruns are byte-identical) and as
 * {@code <name>.csv} beside it, for readers without a Parquet library (Debian's pandas has no pyarrow).
 */
final class StatsTableWriter {
  private final Configuration conf;
  private final Path dir;
  private final FileSystem fs;

  StatsTableWriter(SparkSession spark, Path dir) throws IOException {
    this.conf = spark.sparkContext().hadoopConfiguration();
    this.dir = dir;
    this.fs = dir.getFileSystem(conf);
  }

  /** Computes the table, writes both files and returns its rows (a stats table is small by construction). */
  List<Row> write(StatsTable table) throws IOException {
    StructType schema = table.schema;
    // Sorted here rather than by Spark: a global sort of a few rows would cost a sampling job and a shuffle.
    List<Row> rows = new ArrayList<>();
    for (Row r : table.rows != null ? table.rows : table.query.collectAsList()) {
      Object[] values = new Object[r.size()];
      for (int i = 0; i < values.length; i++) values[i] = r.get(i);
      rows.add(new GenericRowWithSchema(values, schema));
    }
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

  /** Written here with Spark's own row encoding ({@link PartFileWriter}): a Spark write job per table cost more than its rows. */
  private void writeParquet(String name, List<Row> rows, StructType schema) throws IOException {
    Path target = new Path(dir, name);
    fs.delete(target, true);
    fs.mkdirs(target);
    Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(schema);
    try (PartFileWriter w = PartFileWriter.keepingNullability(schema, new Path(target, "part-00000.parquet"), conf)) {
      for (Row r : rows) w.write((InternalRow) toInternal.apply(r));
    }
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
