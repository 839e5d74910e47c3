package dev.corpusforge.training.train;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;

/**
 * A Spark standalone cluster inside the test JVM: Spark's {@code local-cluster[workers, cores, memory]} master starts a
 * standalone Master and Workers in this JVM, and the Workers launch executors as separate JVMs, as on a real cluster
 * (tasks, broadcasts, shuffles and results cross process boundaries). A Worker launches executors from its Spark home's
 * {@code jars/}; this builds one from the test classpath's jars, as scripts/cluster-test.sh does, and puts the
 * project's class folders on the executors' class path.
 */
public final class StandaloneTestCluster {
  private StandaloneTestCluster() {}

  /**
   * The configuration of a local-cluster master with a Spark home under {@code dir}. Workers find their Spark home
   * from the system property {@code spark.test.home} when {@code spark.testing} is set (Spark's own test convention;
   * otherwise from SPARK_HOME), so both are set here; {@link #cleanUp(Path)} removes them and the Spark home.
   */
  public static SparkConf conf(Path dir, int workers, int coresPerWorker, int memoryMbPerWorker) throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("launcher/target/scala-2.12")); // how Spark's launcher learns the Scala version
    List<String> folders = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) folders.add(path.toAbsolutePath().toString());
      else if (entry.endsWith(".jar") && Files.exists(path))
        Files.createSymbolicLink(jars.resolve((i++) + "-" + path.getFileName()), path.toAbsolutePath());
    }
    System.setProperty("spark.testing", "true");
    System.setProperty("spark.test.home", home.toString());
    String opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).collect(Collectors.joining(" "));
    return new SparkConf().setMaster("local-cluster[" + workers + "," + coresPerWorker + "," + memoryMbPerWorker + "]")
        .set("spark.executor.memory", memoryMbPerWorker + "m")
        .set("spark.executor.extraClassPath", String.join(File.pathSeparator, folders))
        .set("spark.executor.extraJavaOptions", opens)
        .set("spark.executorEnv.OMP_NUM_THREADS", "1")
        .set("spark.ui.enabled", "false");
  }

  /** Clears the system properties {@link #conf} set and deletes the Spark home's links to the jars. */
  public static void cleanUp(Path dir) throws IOException {
    System.clearProperty("spark.testing");
    System.clearProperty("spark.test.home");
    Path jars = dir.resolve("spark-home").resolve("jars");
    if (!Files.isDirectory(jars)) return;
    try (var links = Files.list(jars)) {
      for (Path link : (Iterable<Path>) links::iterator) Files.delete(link);
    }
  }

  /** An executable discovery script that reports {@code addresses} as the host's GPUs, in the JSON Spark expects. */
  public static Path fakeGpuDiscoveryScript(Path dir, String... addresses) throws IOException {
    String list = java.util.Arrays.stream(addresses).map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
    Path script = dir.resolve("fake-gpus.sh");
    Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [" + list + "]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
