package dev.corpusforge.cli;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that runs one stage alone on an existing run directory: {@code bin/corpusforge <stage> --run-dir DIR}. */
public abstract class StageCommand implements Callable<Integer> {
  @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "Run directory (any Hadoop path)")
  String runDir;

  @Mixin Options options;

  protected abstract Stage stage();

  @Override public Integer call() throws Exception {
    PipelineConfig config = options.load();
    Stage stage = stage();
    try (SparkSession spark = Sessions.create(stage.name(), options.master, config)) {
      stage.run(spark, new RunDir(runDir), config);
    }
    return 0;
  }
}
