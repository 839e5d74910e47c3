package dev.corpusforge.cli;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.tokenize.TokenizerTraining;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-tokenizer", mixinStandardHelpOptions = true,
    description = "Train a byte-level BPE on the run's documents (latest complete of tokenize.inputStages): word "
        + "counts on Spark, merges on the driver. Writes tokenize.train.output (default DIR/tokenizer/tokenizer.json), "
        + "a Hugging Face tokenizer.json; options tokenize.train.vocabSize, minFrequency, specialTokens.")
final class TrainTokenizerCommand implements Callable<Integer> {
  @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "Run directory (any Hadoop path)")
  String runDir;

  @Mixin Options options;

  @Override public Integer call() throws Exception {
    PipelineConfig config = options.load();
    try (SparkSession spark = Sessions.create("train-tokenizer", options.master, config)) {
      TokenizerTraining.run(spark, new RunDir(runDir), config);
    }
    return 0;
  }
}
