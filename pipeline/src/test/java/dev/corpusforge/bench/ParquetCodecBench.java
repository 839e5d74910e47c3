package dev.corpusforge.bench;

import dev.corpusforge.io.PartFileWriter;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet codec of the stages' part files: writes the rows of a stage's part file (e.g. a clean part of an
 * {@link EndToEndBench} run) with {@link PartFileWriter} under snappy, zstd and no compression, and reports per codec
 * the writer's thread CPU seconds, the file size, and the CPU seconds of reading the text column back with Spark
 * (process CPU, local[1]); median of RUNS. Run: {@code bin/bench pipeline ParquetCodecBench PART_FILE [RUNS]}.
 */
public final class ParquetCodecBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    String part = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SparkSession spark = SparkSession.builder().master("local[1]").appName("codec-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    var docs = spark.read().parquet(part);
    StructType schema = docs.schema();
    List<InternalRow> rows = new ArrayList<>();
    // copied on the executor: the scan reuses one row object per partition
    var it = docs.queryExecution().toRdd().toJavaRDD().map(InternalRow::copy).toLocalIterator();
    while (it.hasNext()) rows.add(it.next());
    long textBytes = spark.read().parquet(part).selectExpr("sum(octet_length(text))").first().getLong(0);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("%s: %,d rows, %.1f MB of text; load average %.2f; %d runs, medians%n", part, rows.size(),
        textBytes / 1e6, os.getSystemLoadAverage(), runs);
    Path dir = Files.createTempDirectory("codec-bench");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD,
        CompressionCodecName.UNCOMPRESSED)) {
      double[] write = new double[runs];
      double[] read = new double[runs];
      long size = 0;
      for (int r = 0; r < runs; r++) {
        File f = dir.resolve(codec + "-" + r + ".parquet").toFile();
        long t0 = THREADS.getCurrentThreadCpuTime();
        try (PartFileWriter w = new PartFileWriter(schema, new org.apache.hadoop.fs.Path(f.toURI()), conf, codec)) {
          for (InternalRow row : rows) w.write(row);
        }
        write[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e9;
        size = f.length();
        long p0 = os.getProcessCpuTime();
        spark.read().parquet(f.toString()).selectExpr("sum(length(text))").first();
        read[r] = (os.getProcessCpuTime() - p0) / 1e9;
      }
      java.util.Arrays.sort(write);
      java.util.Arrays.sort(read);
      System.out.printf("%-12s write %.2f s CPU (%.1f MB/s of text), %.1f MB on disk (%.2f of the text), read back "
          + "%.2f s CPU%n", codec, write[runs / 2], textBytes / 1e6 / write[runs / 2], size / 1e6,
          (double) size / textBytes, read[runs / 2]);
    }
    spark.stop();
  }
}
