package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.stage.Json;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageInput;
import dev.corpusforge.stage.StageWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedup stage: reads {@code DIR/clean}, removes exact duplicates (all sources), URL duplicates (web), MinHash-LSH
 * near-duplicates and CCNet-style repeated lines, in that order, and writes {@code DIR/dedup}. Decisions are taken
 * on a narrow table of hashes; the texts are read twice (hashing, then the final join that applies the decisions).
 * Scratch data lives in {@code DIR/.dedup-work} and is removed when the stage completes.
 */
public final class DedupStage implements Stage {
  public static final String NAME = "dedup";
  private static final Logger LOG = LoggerFactory.getLogger(DedupStage.class);
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  static final String LINES_REMOVED = "dedup_lines_removed";

  @Override public String name() {
    return NAME;
  }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    return run(spark, run, config, 0);
  }

  /** {@code inputPartitions > 0} repartitions the input first: tests use it to show the output does not change. */
  StageCounts run(SparkSession spark, RunDir run, PipelineConfig config, int inputPartitions) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // The quality stage is optional: dedup reads its output when it ran, else clean's.
    StageInput input = StageInput.open(spark, run, NAME, List.of("quality", "clean"), config);
    Dataset<Row> docs = input.documents(spark);
    if (inputPartitions > 0) docs = docs.repartition(inputPartitions);
    Path work = new Path(run.root(), ".dedup-work");
    FileSystem fs = work.getFileSystem(conf);
    fs.delete(work, true);
    DedupConfig dedup = config.dedup;

    long start = System.nanoTime();
    Dataset<Row> rows = materialize(DedupKeys.of(docs, dedup), new Path(work, "keys"))
        .withColumn(Rejects.REASON, Rejects.kept())
        .withColumn(Rejects.DETAILS, Rejects.kept());
    LOG.info("dedup: hashed the documents in {} s", String.format("%.1f", (System.nanoTime() - start) / 1e9));
    if (dedup.exact.enabled) rows = ExactDuplicates.apply(rows);
    if (dedup.url.enabled) rows = UrlDuplicates.apply(rows);
    NearDuplicateClusters.Result near = null;
    if (dedup.near.enabled) {
      near = NearDuplicateClusters.apply(spark, rows, docs, dedup.near, new Path(work, "near"));
      rows = near.rows();
    }
    Dataset<Row> verdicts = rows.select(col("id"), col(Rejects.REASON), col(Rejects.DETAILS));
    if (dedup.lines.enabled) {
      Dataset<Row> removals = LineDuplicates.removals(rows, dedup.lines).withColumnRenamed("id", "removal_id");
      verdicts = verdicts.join(removals, col("id").equalTo(col("removal_id")), "left_outer").drop("removal_id");
    } else {
      verdicts = verdicts.withColumn("removed_lines", lit(null).cast(DataTypes.createArrayType(DataTypes.LongType)));
    }
    // Only the documents a verdict changes: most are kept as they are and need no row here.
    verdicts = materializeInOneJob(verdicts.filter(col(Rejects.REASON).isNotNull().or(col("removed_lines").isNotNull()))
        .withColumnRenamed("id", "verdict_id"), new Path(work, "verdicts"));
    LOG.info("dedup: decided in {} s", String.format("%.1f", (System.nanoTime() - start) / 1e9));

    Dataset<Row> decided = apply(docs.join(Broadcasts.ifSmall(verdicts), col("id").equalTo(col("verdict_id")), "left_outer"),
        dedup.lines.minLineChars);
    NearDuplicateClusters.Result stats = near;
    StageWriter.Target target = StageWriter.Target.of(run, NAME, input.outputFiles(config))
        .counters(LINES_REMOVED)
        .expectReads(input.keptBySource())
        .startedAt(start)
        .beforeWrite(c -> {
          if (stats != null) {
            c.counters.put("near_candidate_pairs", stats.pairs());
            c.counters.put("near_clusters", stats.clusters());
            c.counters.put("near_clustered_documents", stats.clustered());
            c.counters.put("near_components_rounds", (long) stats.rounds());
          }
          return c;
        });
    StageCounts counts = StageWriter.write(decided, target);
    fs.delete(work, true);
    return counts;
  }

  /** Applies the verdicts to the joined documents: rejections as decided, repeated lines cut from kept texts. */
  private static Dataset<Row> apply(Dataset<Row> joined, int minLineChars) {
    Column[] columns = Arrays.stream(Documents.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> ordered = joined.select(concat(columns, col(Rejects.REASON), col(Rejects.DETAILS), col("removed_lines")));
    int fields = Documents.SCHEMA.size();
    int textCol = Documents.SCHEMA.fieldIndex("text");
    StructType out = Documents.SCHEMA
        .add(Rejects.REASON, DataTypes.StringType)
        .add(Rejects.DETAILS, DataTypes.StringType)
        .add(LINES_REMOVED, DataTypes.LongType, false);
    MapPartitionsFunction<Row, Row> f = rows -> {
      LineHashes hasher = new LineHashes(minLineChars);
      return new java.util.Iterator<Row>() {
        @Override public boolean hasNext() {
          return rows.hasNext();
        }

        @Override public Row next() {
          Row r = rows.next();
          Object[] values = new Object[fields + 3];
          for (int i = 0; i < fields + 2; i++) values[i] = r.get(i);
          values[fields + 2] = 0L;
          if (r.isNullAt(fields) && !r.isNullAt(fields + 2) && !r.isNullAt(textCol)) {
            List<Long> hashes = r.getList(fields + 2);
            long[] removed = new long[hashes.size()];
            for (int i = 0; i < removed.length; i++) removed[i] = hashes.get(i);
            Arrays.sort(removed);
            LineDuplicates.Stripped s = LineDuplicates.strip(r.getString(textCol), removed, hasher);
            values[textCol] = s.text();
            values[fields + 2] = s.removed();
            if (s.text().isBlank()) {
              values[fields] = LineDuplicates.REASON;
              values[fields + 1] = Json.object("lines_removed", s.removed());
            }
          }
          return RowFactory.create(values);
        }
      };
    };
    return ordered.mapPartitions(f, Encoders.row(out));
  }

  private static Column[] concat(Column[] first, Column... more) {
    Column[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  /**
   * Writes the verdicts without adaptive execution: it would run each of their half-dozen shuffles (three keep-one
   * windows, the line counts, their joins) as a Spark job of its own and re-plan the query after each, which cost
   * more than the shuffles of this narrow table. Its joins state their broadcasts ({@link Broadcasts}).
   */
  private static Dataset<Row> materializeInOneJob(Dataset<Row> rows, Path path) {
    SparkSession spark = rows.sparkSession();
    String adaptive = spark.conf().get(ADAPTIVE);
    spark.conf().set(ADAPTIVE, "false");
    try {
      return materialize(rows, path);
    } finally {
      spark.conf().set(ADAPTIVE, adaptive);
    }
  }

  private static Dataset<Row> materialize(Dataset<Row> rows, Path path) {
    rows.write().mode(SaveMode.Overwrite).parquet(path.toString());
    return rows.sparkSession().read().parquet(path.toString());
  }
}
