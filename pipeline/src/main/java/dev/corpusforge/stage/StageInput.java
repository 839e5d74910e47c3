package dev.corpusforge.stage;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Documents;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How every stage after ingest opens: its own {@code _COMPLETE} marker goes first (an interrupted stage is never taken
 * as complete), then the first of its input stages with complete output is found (ingest counts once any source is
 * complete), with its document folders and what it kept per source, which the stage must read.
 */
public final class StageInput {
  /** The input stage read. */
  public final String stage;
  /** Its document folders (ingest: one per complete source), in order. */
  public final List<String> paths;
  private final RunDir run;
  private final Configuration conf;

  private StageInput(String stage, List<String> paths, RunDir run, Configuration conf) {
    this.stage = stage;
    this.paths = paths;
    this.run = run;
    this.conf = conf;
  }

  /**
   * Clears stage {@code name}'s marker, then opens the first of {@code candidates} (latest first) that is complete
   * and sizes the stage's shuffles from it ({@link ShufflePartitions}).
   */
  public static StageInput open(SparkSession spark, RunDir run, String name, List<String> candidates,
                                PipelineConfig config) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    StageWriter.clearMarker(run.complete(name), conf);
    for (String s : candidates) {
      List<String> paths = null;
      if (run.isComplete(s, conf)) {
        paths = run.documentPaths(s, conf);
      } else if ("ingest".equals(s)) {
        try {
          paths = run.documentPaths(s, conf);
        } catch (IllegalStateException noSource) {
          // no complete source: try the next candidate
        }
      }
      if (paths != null) {
        ShufflePartitions.size(spark, config, paths);
        return new StageInput(s, paths, run, conf);
      }
    }
    String last = candidates.get(candidates.size() - 1);
    throw new IllegalStateException("none of the stages " + candidates + " has complete output in " + run.root()
        + "; run `bin/corpusforge " + last + " --run-dir " + run.root() + "` (or `run`) first");
  }

  /** The input's documents, in the document schema. */
  public Dataset<Row> documents(SparkSession spark) {
    return spark.read().schema(Documents.SCHEMA).parquet(paths.toArray(new String[0]));
  }

  /** What the stage must read of each source ({@link StageCounts#keptBySource}), for {@link StageWriter.Target#expectReads}. */
  public Map<String, Long> keptBySource() throws IOException {
    return StageCounts.keptBySource(run, stage, paths, conf);
  }

  /** The output file count of a stage that shuffles: configured, or sized from the input. */
  public int outputFiles(PipelineConfig config) throws IOException {
    return StageWriter.outputFiles(config.spark.outputFiles, paths, conf);
  }

  /** The input's part files, for a map-only stage; {@code settings} are what its output depends on besides them. */
  public PartInputs parts(Object settings) throws IOException {
    return PartInputs.parquetParts(run, paths, settings, conf);
  }
}
