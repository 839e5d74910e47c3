package dev.corpusforge.stage;

import dev.corpusforge.config.PipelineConfig;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A pipeline stage: reads earlier stages' output (or, for ingest, one source's input files) from the run directory
 * and writes its own; {@link StageRunner} runs a list of them with the skip and force rules of {@code run}.
 */
public interface Stage {
  /** The stage's folder in the run directory and its command name. */
  String name();

  /** What the log calls this run of the stage ("ingest web", "clean"). */
  default String label() {
    return name();
  }

  /** Whether {@code run} includes the stage under this config (optional stages need their settings). */
  default boolean configured(PipelineConfig config) {
    return true;
  }

  /** The marker whose presence says the stage's output is complete. */
  default Path marker(RunDir run) {
    return run.complete(name());
  }

  default boolean isComplete(RunDir run, Configuration conf) throws IOException {
    Path marker = marker(run);
    return marker.getFileSystem(conf).exists(marker);
  }

  StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException;
}
