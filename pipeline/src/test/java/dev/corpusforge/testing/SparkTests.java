package dev.corpusforge.testing;

import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One local Spark session shared by all tests in the JVM, and paths to the test inputs. */
public final class SparkTests {
  private static SparkSession spark;

  private SparkTests() {}

  public static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[2]").appName("corpusforge-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
          .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  public static PipelineConfig defaults() {
    try {
      return ConfigLoader.load(null, List.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The project root (data-samples/ lives there). */
  public static Path root() {
    return Path.of(System.getProperty("corpusforge.root", "..")).toAbsolutePath().normalize();
  }

  /** {@code ../shared/corpus-samples}: the real third-party inputs. */
  public static Path corpusSamples() {
    return Path.of(System.getProperty("corpusforge.shared", "../../shared")).resolve("corpus-samples").toAbsolutePath().normalize();
  }

  /** The bytes of each Parquet part file in {@code dir}, in name order: what byte-identical reruns compare. */
  public static List<byte[]> parquetParts(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
      List<byte[]> out = new java.util.ArrayList<>();
      for (Path p : parts) out.add(Files.readAllBytes(p));
      return out;
    }
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
