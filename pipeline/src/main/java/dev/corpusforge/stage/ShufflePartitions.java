package dev.corpusforge.stage;

import dev.corpusforge.config.PipelineConfig;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's shuffle partition count for a stage ({@code spark.sql.shuffle.partitions}): {@code spark.shufflePartitions}
 * when the config sets it, or the value the Spark session was launched with; else one partition per
 * {@link #BYTES_PER_PARTITION} of the stage's input and at least one per core, so that a small run has no swarm of
 * tiny tasks and a large one no partition that spills for hours. Output files do not depend on it.
 */
public final class ShufflePartitions {
  public static final String KEY = "spark.sql.shuffle.partitions";
  /** 256 MB of input per shuffle partition: the upper end of docs/dedup.md's 128–256 MB per partition for dedup. */
  static final long BYTES_PER_PARTITION = 256L << 20;

  private ShufflePartitions() {}

  static int forInput(long bytes, int cores) {
    return (int) Math.max(Math.max(1, cores), Math.min(1_000_000, (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION));
  }

  /** Sets the shuffle partitions for a stage reading {@code inputs}, unless fixed by the config or at launch. */
  public static void size(SparkSession spark, PipelineConfig config, List<String> inputs) throws IOException {
    if (config.spark.shufflePartitions > 0 || spark.sparkContext().getConf().contains(KEY)) return;
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long bytes = 0;
    for (String in : inputs) {
      Path p = new Path(in);
      bytes += p.getFileSystem(conf).getContentSummary(p).getLength();
    }
    spark.conf().set(KEY, Integer.toString(forInput(bytes, spark.sparkContext().defaultParallelism())));
  }
}
