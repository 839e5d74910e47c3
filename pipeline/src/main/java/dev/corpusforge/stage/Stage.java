package dev.corpusforge.stage;

import dev.corpusforge.config.PipelineConfig;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/** A pipeline stage after ingest: reads the previous stage's documents from the run directory, writes its own. */
public interface Stage {
  /** The stage's folder in the run directory and its command name. */
  String name();

  /** Whether {@code run} includes the stage under this config (optional stages need their settings). */
  default boolean configured(PipelineConfig config) {
    return true;
  }

  StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException;
}
