package dev.corpusforge.cli;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.quality.QualityTraining;
import dev.corpusforge.stage.RunDir;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-quality", mixinStandardHelpOptions = true,
    description = "Train GPT-3's quality classifier: a Spark ML Pipeline (Tokenizer -> HashingTF -> LogisticRegression) "
        + "on quality.train.positive vs quality.train.negative (source names of the run's clean output, or JSONL/Parquet "
        + "paths), sampled to quality.train.maxPerClass with a held-out share. Writes the PipelineModel to "
        + "quality.train.output (default DIR/quality-model/) with metrics.json (held-out AUC, accuracy, class counts).")
final class TrainQualityCommand implements Callable<Integer> {
  @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "Run directory (any Hadoop path)")
  String runDir;

  @Mixin Options options;

  @Override public Integer call() throws Exception {
    PipelineConfig config = options.load();
    try (SparkSession spark = Sessions.create("train-quality", options.master, config)) {
      QualityTraining.run(spark, new RunDir(runDir), config);
    }
    return 0;
  }
}
