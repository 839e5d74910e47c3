package dev.corpusforge.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.readers.WikipediaDumpReader;
import dev.corpusforge.stage.PartInputs;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The ingest stage: reads one source's input files in parallel (one task per file, which writes its own part and
 * commits it; a multistream dump's splits are shuffled into parts by id instead), streaming records
 * through the source's reader, and writes documents to {@code DIR/ingest/<source>/}, rejects to {@code DIR/ingest/_rejects/<source>/}
 * and per-file counts into {@code DIR/ingest/_counts.json}, next to those of sources ingested before.
 */
public final class IngestStage implements Stage {
  public static final String NAME = "ingest";
  /** Counter, per source: invalid code points replaced by U+FFFD (ingest.invalidCodePoints). */
  static final String INVALID_CODE_POINTS = "invalid_code_points";

  private final IngestInput input;

  /** The ingest of one configured input, as a stage of {@code run}. */
  public IngestStage(IngestInput input) {
    this.input = input;
  }

  @Override public String name() { return NAME; }

  @Override public String label() { return NAME + " " + source(input); }

  /** Each source has its own marker, in its own folder. */
  @Override public Path marker(RunDir run) {
    return new Path(new Path(run.stage(NAME), source(input)), RunDir.COMPLETE);
  }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    return run(spark, run, input, config);
  }

  private static String source(IngestInput input) {
    return input.name != null ? input.name : input.source;
  }

  public static StageCounts run(SparkSession spark, RunDir run, IngestInput input, PipelineConfig config) throws IOException {
    String source = source(input);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SourceReader reader = Readers.forInput(input, config);
    List<InputFile> listed = InputFiles.list(input.paths, reader, conf);
    int unsplit = listed.size();
    if (reader instanceof WikipediaDumpReader) listed = MultistreamSplits.split(listed, config.ingest.splitBytes, conf);
    boolean splitDump = listed.size() != unsplit;
    LongAccumulator decompressed = spark.sparkContext().longAccumulator("ingest decompressed bytes");
    List<InputFile> files = listed.stream()
        .map(f -> f.withDecompressionLimit(decompressionLimit(f.length(), config)))
        .collect(Collectors.toList());
    TreeMap<String, Long> sizes = new TreeMap<>();  // a split dump is one file of storage
    for (InputFile f : listed) sizes.put(f.path(), f.length());
    long storageBytes = sizes.values().stream().mapToLong(Long::longValue).sum();
    Path docs = new Path(run.stage(NAME), source);
    StageWriter.clearMarker(new Path(docs, RunDir.COMPLETE), conf);

    String prefix = source + ":";
    Path countsPath = run.counts(NAME);
    StageCounts earlier = StageCounts.exists(countsPath, conf) ? StageCounts.read(countsPath, conf) : null;
    int outFiles = StageWriter.outputFiles(config.spark.outputFiles,
        files.stream().map(InputFile::path).distinct().collect(Collectors.toList()), conf);
    StageWriter.Target target = new StageWriter.Target(NAME, docs, new Path(run.rejects(NAME), source), countsPath,
        new Path(docs, RunDir.COMPLETE), concat(lit(prefix), col("provenance.file")), "file", outFiles)
        .counters(NulCharacters.COUNTER, INVALID_CODE_POINTS)
        .groupCounters(StageCounts.BYTES_SKIPPED, StageCounts.RECOVERED)
        .errorBudget(config.errorBudget)
        .beforeWrite(c -> {
          // Counters are per source ("web:nul_removed"), like the groups, so later sources keep earlier ones'.
          TreeMap<String, Long> counters = new TreeMap<>();
          c.counters.forEach((k, v) -> counters.put(prefix + k, v));
          if (earlier != null) {
            c.mergeGroups(earlier, k -> k.startsWith(prefix));
            earlier.counters.forEach((k, v) -> {
              if (!k.startsWith(prefix)) counters.put(k, v);
            });
          }
          c.counters = counters;
          return c;
        })
        // a retried task's bytes count twice in the accumulator: the figure is for the log, never for the counts
        .summary((c, seconds) -> String.format("ingest %s: read %,d, kept %,d, rejected %,d (%s), %.1f MB read from "
                + "storage, %.1f MB decompressed, %.1f M chars of text out, %.1f s, %.2f MB/s from storage",
            source, c.total.read, c.total.kept, c.total.rejected, c.total.rejectedByReason, storageBytes / 1e6,
            decompressed.value() / 1e6, c.total.bytesRead / 1e6, seconds, seconds > 0 ? storageBytes / 1e6 / seconds : 0));
    if (splitDump) {
      // A dump read by many tasks is shuffled into parts by id, so that its files are those of a one-task read.
      return StageWriter.write(NulCharacters.remove(read(spark, reader, input.source, files, source, decompressed)),
          target);
    }
    // Map-only: input file (or multistream split) i becomes part i, read by one task, so an interrupted ingest
    // redoes only the files whose parts were not committed.
    List<String> ids = new ArrayList<>();
    for (InputFile f : files) ids.add(f.identity());
    PartInputs parts = PartInputs.of(files.stream().map(InputFile::path).collect(Collectors.toList()), ids,
        List.of(input, config.ingest));
    return StageWriter.writeByPart(parts, redo -> NulCharacters.remove(read(spark, reader, input.source,
        redo.stream().map(files::get).collect(Collectors.toList()), source, decompressed)), target);
  }

  static long decompressionLimit(long compressedBytes, PipelineConfig config) {
    long byRatio = compressedBytes > Long.MAX_VALUE / Math.max(1, config.ingest.maxCompressionRatio)
        ? Long.MAX_VALUE : compressedBytes * config.ingest.maxCompressionRatio;
    return Math.max(config.ingest.maxArchiveBytes, byRatio);
  }

  private static Dataset<Row> read(SparkSession spark, SourceReader reader, String readerName, List<InputFile> files,
                                   String source, LongAccumulator decompressed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<ReadRecord> rdd = jsc.parallelize(files, Math.max(1, files.size()))
        // the accumulator travels in the task's closure, not in its data, so that the task registers it
        .flatMap(f -> new GuardedRecords(reader, readerName, f.countingDecompressed(decompressed), source));
    return spark.createDataset(rdd.rdd(), Encoders.bean(ReadRecord.class))
        .select(col("doc.*"), col("rejectReason").as(Rejects.REASON), col("rejectDetails").as(Rejects.DETAILS),
            col("invalidCodePoints").as(INVALID_CODE_POINTS), col("bytesSkipped").as(StageCounts.BYTES_SKIPPED),
            col("afterDamage").as(StageCounts.RECOVERED));
  }
}
