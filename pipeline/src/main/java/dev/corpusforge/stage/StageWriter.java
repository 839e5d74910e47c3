package dev.corpusforge.stage;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.io.PartFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import dev.corpusforge.config.ErrorBudgetConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Writes what a stage decided: kept documents, rejects with reason and details, counts, and the completion marker.
 * Every stage goes through here, so every stage gets the same guarantees:
 * <ul>
 *   <li>deterministic files: rows are hash-partitioned by id into a fixed number of parts and sorted by id, part i
 *       is named {@code part-0000i.parquet} and its footer made canonical, so the same input gives byte-identical
 *       output whatever the input partitioning;</li>
 *   <li>nothing lost: kept + rejected = read per group, and each source's read equals what the input stage kept
 *       (when the stage names it, {@link Target#expectReads}), checked before the counts and the marker are written;</li>
 *   <li>restartable: the old marker and output go first, {@code _COMPLETE} is written last, so a stage without its
 *       marker is never read, whatever an interrupted run left in its folder.</li>
 * </ul>
 * One Spark job does it all: one shuffle by id, then each task writes its kept part and its rejects part and returns
 * its counts as the job's result (a retried task's counts replace the failed attempt's, never add to them).
 * <p>A map-only stage ({@link #writeByPart}: ingest per input file, clean, tokenize) has no shuffle at all: input i
 * makes part i, in the input's order, and each task commits its part on its own ({@link PartCommit}), so a rerun after
 * an interruption redoes only the parts without a commit; the stage's counts are the sum of the parts' committed
 * counts, the same whether a part was reused or redone.
 */
public final class StageWriter {
  private static final String GROUP = "__group";
  private static final String CHARS = "__chars";
  /** The input a shuffled part names in its commit: it holds rows of every input part. */
  private static final String SHUFFLED = "(every input part, by id)";

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
    Map<String, Long> expectedReads;
    UnaryOperator<StageCounts> beforeWrite = UnaryOperator.identity();
    BiFunction<StageCounts, Double, String> summary = StageCounts::summaryLine;
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

    /** What the stage must read per source ({@link StageCounts#keptBySource}); checked before counts and marker. */
    public Target expectReads(Map<String, Long> kept) {
      expectedReads = kept;
      return this;
    }

    /** Adjusts the counts before they are written, e.g. to keep other sources' groups already in the file. */
    public Target beforeWrite(UnaryOperator<StageCounts> f) {
      beforeWrite = f;
      return this;
    }

    /** The summary line from this run's counts and seconds, for a stage whose input is not text (ingest). */
    public Target summary(BiFunction<StageCounts, Double, String> f) {
      summary = f;
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
    FileSystem fs = t.documents.getFileSystem(conf);
    // Only the stage's own folders are replaced: an ingest of another source keeps its sibling folders.
    fs.delete(t.documents, true);
    fs.delete(t.rejects, true);

    Layout layout = new Layout(records, t);
    Dataset<Row> laidOut = layout.rows.repartition(t.files, col("id")).sortWithinPartitions("id");
    List<PartCounts> parts = laidOut.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex(writePart(layout, t, null, null, null, new HadoopConf(conf)), false)
        .collect();
    return finish(parts, t, conf, start, "");
  }

  /**
   * Writes a map-only stage: part i from input i alone, no shuffle. {@code records} builds the stage's records of the
   * given parts (ascending) such that partition k holds exactly the k-th part's input, in its order (a mapPartitions
   * over {@link PartInputs#read}, or one task per input file). Parts committed earlier for the same input and
   * settings are reused; everything else in the stage's folders is removed and redone.
   */
  public static StageCounts writeByPart(PartInputs inputs, Function<List<Integer>, Dataset<Row>> records, Target t)
      throws IOException {
    long start = t.startNanos >= 0 ? t.startNanos : System.nanoTime();
    SparkSession spark = SparkSession.active();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    clearMarker(t.marker, conf);
    Path commits = new Path(t.documents, PartCommit.DIR);
    Set<String> keptFiles = names(t.documents, conf);
    Set<String> rejectFiles = names(t.rejects, conf);
    PartCounts[] counts = new PartCounts[inputs.size()];
    List<Integer> redo = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String file = PartCommit.partName(i) + ".parquet";
      PartCommit c = keptFiles.contains(file) && rejectFiles.contains(file) ? PartCommit.read(commits, i, conf) : null;
      if (c != null && c.input.equals(inputs.ids.get(i)) && c.settings.equals(inputs.settings)) counts[i] = c.counts;
      else redo.add(i);
    }
    removeAllBut(counts, t, conf);
    if (!redo.isEmpty()) {
      Dataset<Row> built = records.apply(redo);
      Layout layout = new Layout(built, t);
      String maxBytes = "spark.sql.files.maxPartitionBytes";
      String openCost = "spark.sql.files.openCostInBytes";
      String oldMax = spark.conf().get(maxBytes);
      String oldCost = spark.conf().get(openCost);
      // One partition per input file, never split nor packed with another: part k is input k.
      spark.conf().set(maxBytes, Long.toString(1L << 40));
      spark.conf().set(openCost, Long.toString(1L << 40));
      try {
        JavaRDD<InternalRow> rows = layout.rows.queryExecution().toRdd().toJavaRDD();
        if (rows.getNumPartitions() != redo.size()) {
          throw new IllegalStateException(t.stage + ": " + rows.getNumPartitions() + " partitions for " + redo.size()
              + " input parts; a map-only stage must keep its input's partitioning");
        }
        int[] parts = redo.stream().mapToInt(Integer::intValue).toArray();
        String[] ids = redo.stream().map(inputs.ids::get).toArray(String[]::new);
        List<PartCounts> done = rows.mapPartitionsWithIndex(writePart(layout, t, parts, ids, inputs.settings,
            new HadoopConf(conf)), false).collect();
        for (int k = 0; k < parts.length; k++) counts[parts[k]] = done.get(k);
      } finally {
        spark.conf().set(maxBytes, oldMax);
        spark.conf().set(openCost, oldCost);
      }
    }
    String parts = String.format(Locale.ROOT, "; %d of %d parts reused, %d redone", inputs.size() - redo.size(),
        inputs.size(), redo.size());
    return finish(java.util.Arrays.asList(counts), t, conf, start, parts);
  }

  /** Deletes from the stage's folders every part that is not reused ({@code reused[i] == null}) and anything else. */
  private static void removeAllBut(PartCounts[] reused, Target t, Configuration conf) throws IOException {
    FileSystem fs = t.documents.getFileSystem(conf);
    for (Path dir : List.of(t.documents, t.rejects, new Path(t.documents, PartCommit.DIR))) {
      if (!fs.exists(dir)) continue;
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) continue;
        int part = partNumber(name);
        if (part < 0 || part >= reused.length || reused[part] == null) fs.delete(st.getPath(), true);
      }
    }
  }

  private static Set<String> names(Path dir, Configuration conf) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    Set<String> names = new HashSet<>();
    if (fs.exists(dir)) for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(dir)) names.add(st.getPath().getName());
    return names;
  }

  /** N of "part-N.parquet" or "part-N.json", or -1. */
  private static int partNumber(String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("part-(\\d{5,})\\.(parquet|json)").matcher(name);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Sums the parts' counts, checks them, writes the counts and the marker, and prints the summary line. */
  private static StageCounts finish(List<PartCounts> parts, Target t, Configuration conf, long start, String suffix)
      throws IOException {
    StageCounts counts = new StageCounts();
    counts.stage = t.stage;
    counts.groupBy = t.groupBy;
    for (PartCounts p : parts) {
      p.byGroup.forEach((group, reasons) -> reasons.forEach((reason, v) ->
          counts.add(group, reason.isEmpty() ? null : reason, v[0], v[1])));
      for (int i = 0; i < p.counters.length; i++) counts.counters.merge(t.counterColumns.get(i), p.counters[i], Long::sum);
      p.countersByGroup.forEach((group, v) -> {
        for (int i = 0; i < v.length; i++) {
          if (t.groupCounterColumns.contains(t.counterColumns.get(i))) counts.count(group, t.counterColumns.get(i), v[i]);
        }
      });
    }
    // The summary line reports this run's records; the written counts may also keep earlier groups (ingest).
    StageCounts thisRun = new StageCounts();
    thisRun.stage = counts.stage;
    thisRun.total.addAll(counts.total);
    counts.checkReads(t.expectedReads);
    StageCounts written = t.beforeWrite.apply(counts);
    written.write(t.counts, conf);
    if (t.errorBudget != null) {
      SparkSession spark = SparkSession.active();
      // The few ids the message names are read back from the rejects just written, only when the budget is passed.
      ErrorBudget.check(t.stage, thisRun.total, t.errorBudget, t.rejects.toString(), () -> spark.read()
          .parquet(t.rejects.toString()).filter(col(Rejects.REASON).endsWith(ErrorBudget.ERROR_SUFFIX)).select("id")
          .orderBy("id").limit(5).collectAsList().stream().map(row -> row.getString(0))
          .collect(java.util.stream.Collectors.toList()));
    }
    writeMarker(t.marker, conf);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.println("[corpusforge] " + t.summary.apply(thisRun, seconds) + suffix);
    return written;
  }

  /**
   * The records' columns in the order the part files take them: document columns (the kept file), the verdict (the
   * rejects file adds it), then what is only counted.
   */
  private static final class Layout {
    final Dataset<Row> rows;
    final StructType kept;
    final StructType rejects;
    final int counters;

    Layout(Dataset<Row> records, Target t) {
      List<String> docColumns = new ArrayList<>();
      for (String c : records.columns()) {
        if (!c.equals(Rejects.REASON) && !c.equals(Rejects.DETAILS) && !t.counterColumns.contains(c)) docColumns.add(c);
      }
      List<Column> ordered = new ArrayList<>();
      for (String c : docColumns) ordered.add(col(c));
      ordered.add(col(Rejects.REASON));
      ordered.add(col(Rejects.DETAILS));
      for (String c : t.counterColumns) ordered.add(coalesce(col(c).cast("long"), lit(0L)).as(c));
      ordered.add(coalesce(t.group, lit("(none)")).as(GROUP));
      ordered.add(coalesce(length(col("text")), lit(0)).as(CHARS));
      rows = records.select(ordered.toArray(new Column[0]));
      StructType all = rows.schema();
      rejects = new StructType(Arrays.copyOf(all.fields(), docColumns.size() + 2));
      kept = new StructType(Arrays.copyOf(all.fields(), docColumns.size()));
      counters = t.counterColumns.size();
    }
  }

  /**
   * The task that writes a part of the kept and the rejected documents and counts them: part {@code i} for the i-th
   * partition, or {@code parts[i]} with its commit after its files when the stage is map-only.
   */
  private static Function2<Integer, Iterator<InternalRow>, Iterator<PartCounts>> writePart(Layout layout, Target t,
      int[] parts, String[] inputIds, String settings, HadoopConf shipped) {
    StructType kept = layout.kept;
    StructType rejects = layout.rejects;
    int counters = layout.counters;
    String documents = t.documents.toString();
    String rejected = t.rejects.toString();
    int reason = kept.size();
    int firstCounter = reason + 2;
    int group = firstCounter + counters;
    int chars = group + 1;
    return (index, rows) -> {
      int part = parts == null ? index : parts[index];
      String name = PartCommit.partName(part) + ".parquet";
      Configuration conf = shipped.get();
      PartCounts counts = new PartCounts(counters);
      // group and reason strings are few; keyed by their bytes so a row costs no string decoding
      Map<UTF8String, Map<UTF8String, long[]>> byGroup = new HashMap<>();
      Map<UTF8String, long[]> countersByGroup = new HashMap<>();
      UTF8String keptKey = UTF8String.EMPTY_UTF8;
      PartFileWriter keptOut = new PartFileWriter(kept, new Path(documents, name), conf);
      PartFileWriter rejectsOut = new PartFileWriter(rejects, new Path(rejected, name), conf);
      try (keptOut; rejectsOut) {
        while (rows.hasNext()) {
          InternalRow row = rows.next();
          boolean isKept = row.isNullAt(reason);
          if (isKept) keptOut.write(row); else rejectsOut.write(row);
          UTF8String g = row.getUTF8String(group);
          UTF8String r = isKept ? keptKey : row.getUTF8String(reason);
          Map<UTF8String, long[]> reasons = byGroup.get(g);
          if (reasons == null) byGroup.put(g.clone(), reasons = new HashMap<>());
          long[] v = reasons.get(r);
          if (v == null) reasons.put(r.clone(), v = new long[2]);
          v[0]++;
          v[1] += row.getInt(chars);
          if (counters > 0) {
            long[] c = countersByGroup.get(g);
            if (c == null) countersByGroup.put(g.clone(), c = new long[counters]);
            for (int i = 0; i < counters; i++) {
              long n = row.getLong(firstCounter + i);
              counts.counters[i] += n;
              c[i] += n;
            }
          }
        }
      }
      byGroup.forEach((g, reasons) -> {
        TreeMap<String, long[]> m = counts.byGroup.computeIfAbsent(g.toString(), k -> new TreeMap<>());
        reasons.forEach((r, v) -> m.put(r.toString(), v));
      });
      countersByGroup.forEach((g, c) -> counts.countersByGroup.put(g.toString(), c));
      // committed only once both files are whole: a part without its commit is redone
      new PartCommit(parts == null ? SHUFFLED : inputIds[index], parts == null ? "" : settings, counts,
          keptOut.crc(), rejectsOut.crc()).write(new Path(documents, PartCommit.DIR), part, conf);
      return List.of(counts).iterator();
    };
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
