package dev.corpusforge.cli;

import dev.corpusforge.stage.RunDir;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a stage's documents (or its rejects) as JSON lines, one object per document with every "
        + "schema field, in id order, for inspection and for other tools.")
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STAGE_DIR", description = "A stage folder, e.g. runs/sample/clean")
  String stageDir;

  @Option(names = "--output", required = true, paramLabel = "FILE.jsonl", description = "Output file (any Hadoop path)")
  String output;

  @Option(names = "--rejects", description = "Export the stage's rejects (with reason and details) instead")
  boolean rejects;

  @Option(names = "--limit", defaultValue = "0", description = "At most this many documents; 0 = all (default)")
  long limit;

  @Mixin Options options;

  @Override public Integer call() throws Exception {
    try (SparkSession spark = Sessions.create("export", options.master, options.load())) {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      List<String> paths = folders(new Path(stageDir), conf);
      Dataset<Row> docs = spark.read().parquet(paths.toArray(new String[0])).orderBy("id");
      if (limit > 0) docs = docs.limit((int) Math.min(Integer.MAX_VALUE, limit));
      Path out = new Path(output);
      long n = 0;
      // Streams partition by partition through the driver: export is for inspection-sized outputs.
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out.getFileSystem(conf).create(out, true), StandardCharsets.UTF_8))) {
        for (Iterator<String> it = docs.select(to_json(struct(col("*")), Map.of("ignoreNullFields", "false"))).as(Encoders.STRING()).toLocalIterator(); it.hasNext(); n++) {
          w.write(it.next());
          w.write('\n');
        }
      }
      System.err.printf("[corpusforge] export: %,d %s to %s%n", n, rejects ? "rejects" : "documents", out);
    }
    return 0;
  }

  /** The Parquet folders of a stage: itself, or (ingest) its per-source folders; with --rejects, its _rejects. */
  private List<String> folders(Path dir, Configuration conf) throws java.io.IOException {
    FileSystem fs = dir.getFileSystem(conf);
    Path base = rejects ? new Path(dir, RunDir.REJECTS) : dir;
    if (!fs.exists(base)) throw new IllegalArgumentException(base + " does not exist");
    List<String> out = new ArrayList<>();
    boolean hasParquet = false;
    for (FileStatus st : fs.listStatus(base)) {
      String name = st.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) continue;
      if (st.isDirectory()) out.add(st.getPath().toString());
      else if (name.endsWith(".parquet")) hasParquet = true;
    }
    if (hasParquet) return List.of(base.toString());
    if (out.isEmpty()) throw new IllegalArgumentException("no documents under " + base);
    out.sort(String::compareTo);
    return out;
  }
}
