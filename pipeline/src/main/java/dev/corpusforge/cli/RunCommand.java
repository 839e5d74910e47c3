package dev.corpusforge.cli;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.InputFiles;
import dev.corpusforge.ingest.Readers;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.tokenize.TokenizeStage;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageRunner;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run every stage in order from one config: ingest each input, then the later stages. A stage whose "
        + "output is complete (its _COMPLETE marker exists) is skipped unless --force; once a stage reruns, every "
        + "stage after it reruns too.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "Run directory (any Hadoop path)")
  String runDir;

  @Option(names = "--force", description = "Rerun stages even when their output is complete")
  boolean force;

  @Mixin Options options;

  @Override public Integer call() throws Exception {
    PipelineConfig config = options.load();
    if (config.inputs.isEmpty()) {
      throw new IllegalArgumentException("the config has no inputs: add an `inputs:` list (see configs/sample)");
    }
    RunDir run = new RunDir(runDir);
    long start = System.nanoTime();
    try (SparkSession spark = Sessions.create("run", options.master, config)) {
      StageRunner.run(spark, run, config, PipelineStages.of(config), force);
      System.err.println("[corpusforge] " + totalLine(spark, run, config, (System.nanoTime() - start) / 1e9));
    }
    return 0;
  }

  /** The run's one closing line: wall time, MB/s per core of the inputs as stored, documents and tokens written. */
  private static String totalLine(SparkSession spark, RunDir run, PipelineConfig config, double seconds)
      throws java.io.IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long inputBytes = 0;
    for (IngestInput input : config.inputs) {
      for (InputFile f : InputFiles.list(input.paths, Readers.forInput(input, config), conf)) inputBytes += f.length();
    }
    int cores = spark.sparkContext().defaultParallelism();
    Path tokenized = run.counts(TokenizeStage.NAME);
    StageCounts tokens = StageCounts.exists(tokenized, conf) ? StageCounts.read(tokenized, conf) : new StageCounts();
    return String.format("run: %.1f s, %.1f MB of input at %.3g MB/s per core (%d cores), %,d documents and %,d tokens "
            + "written", seconds, inputBytes / 1e6, inputBytes / 1e6 / seconds / cores, cores, tokens.total.kept,
        tokens.counters.getOrDefault("tokens_total", 0L));
  }
}
