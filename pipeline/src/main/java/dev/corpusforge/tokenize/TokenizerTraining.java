package dev.corpusforge.tokenize;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.TokenizeConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.ShufflePartitions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code train-tokenizer}: counts pre-tokens of the run's latest documents on Spark ({@link WordCounts}), learns the
 * merges on the driver ({@link BpeTrainer}) and writes a tokenizer.json ({@link TokenizerJson}). Set
 * {@code tokenize.tokenizer} to the written path to tokenize with it.
 */
public final class TokenizerTraining {
  private TokenizerTraining() {}

  public static Path run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TokenizeConfig.Train cfg = config.tokenize.train;
    String input = TokenizeStage.inputStage(run, config, conf);
    var docs = spark.read().parquet(run.documentPaths(input, conf).toArray(new String[0]));
    var counts = WordCounts.count(docs, Integer.parseInt(spark.conf().get(ShufflePartitions.KEY)));
    Map<String, Long> words = WordCounts.top(counts, cfg.maxWords);
    BpeTrainer.Trained trained = BpeTrainer.train(words, cfg.vocabSize, cfg.minFrequency, cfg.specialTokens);
    Path out = cfg.output.contains("://") || cfg.output.startsWith("/") ? new Path(cfg.output) : new Path(run.root(), cfg.output);
    try (OutputStream o = out.getFileSystem(conf).create(out, true)) {
      o.write(TokenizerJson.write(trained));
    }
    System.err.printf("[corpusforge] train-tokenizer: %s documents, %,d distinct words, %,d merges, vocab %,d -> %s (%.1f s)%n",
        input, words.size(), trained.merges().size(), trained.vocab().size(), out, (System.nanoTime() - start) / 1e9);
    return out;
  }
}
