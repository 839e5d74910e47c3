package dev.corpusforge.bench;

import org.apache.spark.sql.SparkSession;

/** The local Spark session benchmarks run in: all cores of this machine, settings as `bin/corpusforge` uses. */
final class Cli {
  private Cli() {}

  static SparkSession spark() {
    SparkSession spark = SparkSession.builder().master(System.getProperty("bench.master", "local[*]")).appName("corpusforge-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", System.getProperty("bench.shufflePartitions", "8"))
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
