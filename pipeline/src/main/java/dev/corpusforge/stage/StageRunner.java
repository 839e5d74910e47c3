package dev.corpusforge.stage;

import dev.corpusforge.config.PipelineConfig;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Runs stages in order, as {@code run} does: a stage whose output is complete is skipped unless forced (then every part
 * is redone too); once a stage runs, every stage after it runs too (a map-only stage then reuses the parts whose input
 * and settings did not change); a stage
 * the config leaves out loses its marker, so that nothing reads its old output as current. Each stage's Spark jobs are
 * grouped under its name.
 */
public final class StageRunner {
  private StageRunner() {}

  public static void run(SparkSession spark, RunDir run, PipelineConfig config, List<Stage> stages, boolean force)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    boolean rerun = force;
    boolean invalidated = false;
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (!stage.configured(config)) {
        StageWriter.clearMarker(stage.marker(run), conf);
        System.err.println("[corpusforge] " + stage.label() + ": not configured, skipped");
        continue;
      }
      if (!rerun && stage.isComplete(run, conf)) {
        System.err.println("[corpusforge] " + stage.label() + ": complete, skipped (--force to rerun)");
        continue;
      }
      // Unmark the stages about to be redone before the first of them starts, so that a run interrupted anywhere in
      // between never leaves an old _COMPLETE downstream of new output for the next run to skip over.
      if (!invalidated) {
        for (Stage later : stages.subList(i, stages.size())) StageWriter.clearMarker(later.marker(run), conf);
        invalidated = true;
      }
      // forced: no part of the old output is reused either (a new version may write other bytes from the same input)
      if (force) {
        Path commits = new Path(stage.marker(run).getParent(), PartCommit.DIR);
        commits.getFileSystem(conf).delete(commits, true);
      }
      spark.sparkContext().setJobGroup(stage.name(), stage.label(), false);
      System.err.println("[corpusforge] " + stage.label() + ": started");
      stage.run(spark, run, config);
      rerun = true;
    }
  }
}
