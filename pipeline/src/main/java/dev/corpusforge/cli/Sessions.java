package dev.corpusforge.cli;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.io.NioLocalFileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session: the master from spark-submit if it set one, else from --master or the config. */
public final class Sessions {
  private Sessions() {}

  public static SparkSession create(String command, String master, PipelineConfig config) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) conf.setMaster(master != null ? master : config.spark.master);
    conf.setIfMissing("spark.app.name", "corpusforge " + command);
    if (config.spark.shufflePartitions > 0) {
      conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(config.spark.shufflePartitions));
    }
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.ui.showConsoleProgress", "true");
    conf.setIfMissing("spark.sql.jsonGenerator.ignoreNullFields", "false");
    conf.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
    // Output must not depend on which executor ran first: no adaptive coalescing of the fixed partition counts.
    conf.setIfMissing("spark.sql.adaptive.coalescePartitions.enabled", "false");
    conf.setIfMissing("spark.task.maxFailures", "4");
    conf.setIfMissing("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel(System.getProperty("corpusforge.sparkLogLevel", "WARN"));
    // sized per stage from its input (ShufflePartitions); until then, one per core
    if (!conf.contains("spark.sql.shuffle.partitions")) {
      spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(spark.sparkContext().defaultParallelism()));
    }
    return spark;
  }
}
