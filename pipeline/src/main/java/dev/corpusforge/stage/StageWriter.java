package dev.corpusforge.stage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import dev.corpusforge.config.ErrorBudgetConfig;
import dev.corpusforge.io.CanonicalParquet;
import dev.corpusforge.io.HadoopConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes what a stage decided: kept documents, rejects with reason and details, counts, and the completion marker.
 * Every stage goes through here, so every stage gets the same guarantees:
 * <ul>
 *   <li>deterministic files: rows are hash-partitioned by id into a fixed number of files and sorted by id, and the
 *       part files are renamed without Spark's random suffix, so the same input gives byte-identical output whatever
 *       the input partitioning;</li>
 *   <li>nothing lost: kept + rejected = read per group, and each source's read equals what the input stage kept
 *       (when the stage names it, {@link Target#expectReads}), checked before anything is written;</li>
 *   <li>restartable: output goes to a temporary folder, moved into place, and {@code _COMPLETE} is written last.</li>
 * </ul>
 */
public final class StageWriter {
  private static final Pattern PART = Pattern.compile("part-(\\d+)-.*?(\\.[a-z0-9]+)?\\.parquet");

  private StageWriter() {}

  /** What one call writes: where, how to group the counts, and how many files. */
  public static final class Target {
    final String stage;
    final Path documents;
    final Path rejects;
    final Path counts;
    final Path marker;
    final Column group;
    final String groupBy;
    final int files;
    final List<String> counterColumns = new ArrayList<>();
    final List<String> groupCounterColumns = new ArrayList<>();
    ErrorBudgetConfig errorBudget;
    UnaryOperator<StageCounts> beforeWrite = UnaryOperator.identity();
    java.util.Map<String, Long> expectedReads;
    long startNanos = -1;

    public Target(String stage, Path documents, Path rejects, Path counts, Path marker, Column group, String groupBy, int files) {
      this.stage = stage;
      this.documents = documents;
      this.rejects = rejects;
      this.counts = counts;
      this.marker = marker;
      this.group = group;
      this.groupBy = groupBy;
      this.files = Math.max(1, files);
    }

    /**
     * When the stage's work began, for stages that compute eagerly before writing (dedup); otherwise the summary
     * line's time and MB/s cover only the write.
     */
    public Target startedAt(long nanoTime) {
      startNanos = nanoTime;
      return this;
    }

    /** Numeric columns summed over all records into the counts' counters, then dropped from the output. */
    public Target counters(String... columns) {
      counterColumns.addAll(Arrays.asList(columns));
      return this;
    }

    /** Counters also kept per group (and in the total), e.g. ingest's bytes skipped per input file. */
    public Target groupCounters(String... columns) {
      counters(columns);
      groupCounterColumns.addAll(Arrays.asList(columns));
      return this;
    }

    /** Fails the stage, after writing its output but before its marker, when programming errors pass this budget. */
    public Target errorBudget(ErrorBudgetConfig budget) {
      errorBudget = budget;
      return this;
    }

    /** Adjusts the counts before they are written, e.g. to keep other sources' groups already in the file. */
    public Target beforeWrite(UnaryOperator<StageCounts> f) {
      beforeWrite = f;
      return this;
    }

    /** What the stage must read per source ({@link StageCounts#keptBySource}); checked before anything is written. */
    public Target expectReads(java.util.Map<String, Long> kept) {
      expectedReads = kept;
      return this;
    }

    /** The usual target of a stage after ingest: documents, rejects and counts by source in the stage folder. */
    public static Target of(RunDir run, String stage, int files) {
      return new Target(stage, run.stage(stage), run.rejects(stage), run.counts(stage), run.complete(stage),
          col("source"), "source", files);
    }
  }

  /**
   * Writes {@code records} (document columns plus {@link Rejects#REASON} and {@link Rejects#DETAILS}) and returns
   * the counts.
   */
  public static StageCounts write(Dataset<Row> records, Target t) throws IOException {
    long start = t.startNanos >= 0 ? t.startNanos : System.nanoTime();
    Configuration conf = records.sparkSession().sparkContext().hadoopConfiguration();
    clearMarker(t.marker, conf);
    Dataset<Row> all = records.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StageCounts counts = new StageCounts();
      counts.stage = t.stage;
      counts.groupBy = t.groupBy;
      List<Column> aggs = new ArrayList<>();
      aggs.add(count(lit(1)));
      aggs.add(sum(coalesce(length(col("text")), lit(0))));
      for (String c : t.counterColumns) aggs.add(sum(col(c)));
      // The aggregate is one row per group and reason: small, whatever the corpus size.
      List<Row> rows = all.groupBy(coalesce(t.group, lit("(none)")).as("g"), col(Rejects.REASON))
          .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).collectAsList();
      for (Row r : rows) {
        counts.add(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3));
        for (int i = 0; i < t.counterColumns.size(); i++) {
          Object v = r.get(4 + i);
          if (v == null) continue;
          String counter = t.counterColumns.get(i);
          counts.counters.merge(counter, ((Number) v).longValue(), Long::sum);
          if (t.groupCounterColumns.contains(counter)) counts.count(r.getString(0), counter, ((Number) v).longValue());
        }
      }
      // The summary line reports this run's records; the written counts may also keep earlier groups (ingest).
      StageCounts thisRun = new StageCounts();
      thisRun.stage = counts.stage;
      thisRun.total.addAll(counts.total);
      counts.checkReads(t.expectedReads);
      counts = t.beforeWrite.apply(counts);

      Dataset<Row> clean = all.drop(t.counterColumns.toArray(new String[0]));
      writeSorted(clean.filter(col(Rejects.REASON).isNull()).drop(Rejects.REASON, Rejects.DETAILS), t.documents, t.files);
      writeSorted(clean.filter(col(Rejects.REASON).isNotNull()), t.rejects, t.files);
      counts.write(t.counts, conf);
      if (t.errorBudget != null) {
        ErrorBudget.check(t.stage, thisRun.total, t.errorBudget, t.rejects.toString(), () -> all
            .filter(col(Rejects.REASON).endsWith(ErrorBudget.ERROR_SUFFIX)).select("id").orderBy("id").limit(5)
            .collectAsList().stream().map(row -> row.getString(0)).collect(java.util.stream.Collectors.toList()));
      }
      writeMarker(t.marker, conf);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.println("[corpusforge] " + thisRun.summaryLine(seconds));
      return counts;
    } finally {
      all.unpersist();
    }
  }

  /** Hash-partitions by id into {@code files} files, sorts each by id, and renames parts deterministically. */
  public static void writeSorted(Dataset<Row> docs, Path target, int files) throws IOException {
    Configuration conf = docs.sparkSession().sparkContext().hadoopConfiguration();
    FileSystem fs = target.getFileSystem(conf);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    fs.delete(tmp, true);
    docs.repartition(files, col("id")).sortWithinPartitions("id")
        .write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(tmp.toString());
    List<String[]> moves = new ArrayList<>();
    for (FileStatus st : fs.listStatus(tmp)) {
      Matcher m = PART.matcher(st.getPath().getName());
      if (m.matches()) {
        String name = "part-" + m.group(1) + (m.group(2) == null ? "" : m.group(2)) + ".parquet";
        moves.add(new String[] {st.getPath().toString(), new Path(tmp, name).toString()});
      } else if (st.isFile()) {
        fs.delete(st.getPath(), false);
      }
    }
    // Canonical footers and names without Spark's random suffix, one task per file, so output bytes depend on data only.
    HadoopConf shipped = new HadoopConf(conf);
    JavaSparkContext.fromSparkContext(docs.sparkSession().sparkContext())
        .parallelize(moves, Math.max(1, Math.min(moves.size(), 1000)))
        .foreach(mv -> {
          Path from = new Path(mv[0]);
          FileSystem f = from.getFileSystem(shipped.get());
          CanonicalParquet.copy(f, from, new Path(mv[1]));
          f.delete(from, false);
        });
    for (FileStatus st : fs.listStatus(tmp)) {
      if (st.getPath().getName().startsWith(".")) fs.delete(st.getPath(), false);
    }
    // Only the stage's own folder is replaced: an ingest of another source keeps its sibling folder.
    fs.delete(target, true);
    if (!fs.rename(tmp, target)) throw new IOException("could not move " + tmp + " to " + target);
  }

  public static void writeMarker(Path marker, Configuration conf) throws IOException {
    try (OutputStream out = marker.getFileSystem(conf).create(marker, true)) {
      out.write("complete\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Removes a stage's marker first, so an interrupted rerun is never taken as complete. */
  public static void clearMarker(Path marker, Configuration conf) throws IOException {
    marker.getFileSystem(conf).delete(marker, false);
  }

  static int filesFor(long bytes) {
    return (int) Math.max(1, Math.min(100_000, (bytes + (128L << 20) - 1) / (128L << 20)));
  }

  /** Output file count: the configured number, or one per 128 MB of the input folders' size. */
  public static int outputFiles(int configured, List<String> inputs, Configuration conf) throws IOException {
    if (configured > 0) return configured;
    long bytes = 0;
    for (String in : inputs) {
      Path p = new Path(in);
      bytes += p.getFileSystem(conf).getContentSummary(p).getLength();
    }
    return filesFor(bytes);
  }

}
