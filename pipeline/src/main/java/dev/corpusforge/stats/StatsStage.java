package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.StatsConfig;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The stats stage: summarizes every complete stage of a run (ingest, clean, dedup, tokenize, any later one) and the
 * shard stage's manifest and counts into small Parquet tables under {@code DIR/stats/} (with CSV copies) and {@code summary.json}.
 * Each stage's documents are read once into a few measures per document; every table is a Spark aggregate of those.
 * The recount per stage must equal the stage's {@code _counts.json}, or the stage fails.
 */
public final class StatsStage implements Stage {
  public static final String NAME = "stats";
  /** Stages whose reject details are not quality signals (file errors, duplicate ids, token limits). */
  private static final Set<String> NO_SIGNALS = Set.of("ingest", "dedup", "tokenize");

  @Override public String name() {
    return NAME;
  }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    StatsConfig settings = config.stats;
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path out = run.stage(NAME);
    FileSystem fs = out.getFileSystem(conf);
    StageWriter.clearMarker(run.complete(NAME), conf);
    List<StageOutput> stages = StageOutput.find(run, conf);
    if (stages.isEmpty()) {
      throw new IllegalStateException("no complete stage output in " + run.root()
          + "; run `bin/corpusforge ingest --run-dir " + run.root() + " ...` (or `run`) first");
    }
    ShardMixture mixture = ShardMixture.read(run, conf);
    int shardOrder = stages.size();

    Dataset<Row> measures = null;
    Dataset<Row> samples = null;
    Dataset<Row> signals = null;
    Dataset<Row> dedupRejects = null;
    Dataset<Row> qualityKept = null;
    Dataset<Row> qualityRejects = null;
    for (StageOutput s : stages) {
      Dataset<Row> docs = read(spark, s.documents);
      Dataset<Row> rejects = read(spark, s.rejects);
      for (Dataset<Row> d : java.util.Arrays.asList(docs, rejects)) {
        if (d == null) continue;
        Dataset<Row> m = DocumentMeasures.of(d, s.name, s.order);
        measures = measures == null ? m : measures.unionByName(m);
      }
      if (rejects != null) {
        Dataset<Row> r = RejectSamples.of(rejects, s.name, s.order, settings.sampleChars);
        samples = samples == null ? r : samples.unionByName(r);
        if (s.name.equals(DuplicateClusters.STAGE)) dedupRejects = rejects;
      }
      if (s.name.equals(QualityScoreHistogram.STAGE)) {
        qualityKept = docs;
        qualityRejects = rejects;
      }
      if (!NO_SIGNALS.contains(s.name)) {
        Dataset<Row> v = SignalHistograms.values(s.name, docs, rejects);
        if (v != null) signals = signals == null ? v : signals.unionByName(v);
      }
    }
    // One query gives every table over the measures (and each stage's recount), so the measures need no cache.
    MeasureCells cells = MeasureCells.of(measures, settings.topDomains, settings.topCodeLanguages);
    Map<String, StageCounts> measured = CountsReconciliation.verify(stages, Funnel.recount(cells), run.root());

    fs.mkdirs(out);
    StatsTableWriter writer = new StatsTableWriter(spark, out);
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    List<StatsTable> all = new ArrayList<>(List.of(
        Funnel.funnel(cells, mixture, shardOrder), Funnel.rejectsByReason(cells, mixture, shardOrder),
        Distributions.lengthHistogram(cells), Distributions.languages(cells), Distributions.confidence(cells),
        Distributions.topDomains(cells), Distributions.codeLanguages(cells)));
    StageCounts dedup = measured.get(DuplicateClusters.STAGE);
    all.add(DuplicateClusters.sizes(spark, dedupRejects != null ? dedupRejects : noRejects(spark),
        dedup == null ? 0 : dedup.total.kept));
    all.add(SignalHistograms.histogram(signals != null ? signals : noSignals(spark), settings.signalBins));
    all.add(RejectSamples.table(samples != null ? samples
        : RejectSamples.of(noRejects(spark).withColumn("id", lit("")).withColumn("source", lit(""))
            .withColumn("text", lit("")), "", 0, 1).limit(0), settings.samplesPerReason));
    all.add(QualityScoreHistogram.of(spark, qualityKept, qualityRejects));
    all.add(ShardMixture.shardTokens(spark, mixture));
    all.add(ShardMixture.tokenMixture(spark, mixture));
    for (StatsTable t : all) tables.put(t.name, writer.write(t));

    StatsSummary summary = StatsSummary.of(stages, measured, tables, mixture);
    summary.write(new Path(out, StatsSummary.FILE), conf);
    StageWriter.writeMarker(run.complete(NAME), conf);

    double seconds = (System.nanoTime() - start) / 1e9;
    long bytes = tables.get("funnel").stream().map(r -> r.<Long>getAs("bytes_in")).filter(b -> b != null)
        .mapToLong(Long::longValue).sum();
    String line = String.format("%s: %s; %d tables in %s, %.1f MB of text scanned, %.1f s, %.2f MB/s",
        NAME, summary.funnelLine(), tables.size(), out, bytes / 1e6, seconds, seconds > 0 ? bytes / 1e6 / seconds : 0.0);
    System.err.println("[corpusforge] " + line);

    StageCounts result = new StageCounts();
    result.stage = NAME;
    result.groupBy = "table";
    tables.forEach((k, v) -> result.counters.put(k, (long) v.size()));
    return result;
  }

  /** The Parquet files of the folders, by glob: Spark would warn that it ignores a folder named "_rejects". */
  private static Dataset<Row> read(SparkSession spark, List<String> folders) {
    if (folders.isEmpty()) return null;
    return spark.read().parquet(folders.stream().map(f -> f + "/*.parquet").toArray(String[]::new));
  }

  private static Dataset<Row> noRejects(SparkSession spark) {
    return spark.createDataFrame(List.of(), new StructType()
        .add(Rejects.REASON, DataTypes.StringType).add(Rejects.DETAILS, DataTypes.StringType));
  }

  private static Dataset<Row> noSignals(SparkSession spark) {
    return spark.createDataFrame(List.of(), new StructType().add("stage", DataTypes.StringType)
        .add("signal", DataTypes.StringType).add("population", DataTypes.StringType).add("value", DataTypes.DoubleType));
  }
}
