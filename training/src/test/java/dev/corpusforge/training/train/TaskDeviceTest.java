package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One GPU per training task, as Spark's resource scheduling assigns them, on a standalone cluster with fake GPUs. */
class TaskDeviceTest {
  private static final int VOCAB = 13;
  private static final TokenSourceFactory DATA = () -> TokenSource.of(SyntheticShards.markovTokens(3000, VOCAB, 5));

  @Test
  void eachConcurrentTaskIsBoundToTheDistinctGpuSparkAssignedIt(@TempDir Path dir) throws Exception {
    Path script = StandaloneTestCluster.fakeGpuDiscoveryScript(dir, "0", "1");
    // one worker, one executor with 2 cores and the host's 2 GPUs: 2 tasks at once, one GPU each
    try (JavaSparkContext spark = new JavaSparkContext(StandaloneTestCluster.conf(dir, 1, 2, 1024)
        .setAppName("gpu-binding-test")
        .set("spark.worker.resource.gpu.amount", "2")
        .set("spark.worker.resource.gpu.discoveryScript", script.toString())
        .set("spark.executor.resource.gpu.amount", "2")
        .set("spark.task.resource.gpu.amount", "1"))) {
      TrainConfig c = TinyModels.tiny(false);
      c.workers = 2;
      ModelState start = LocalTrainer.initialState(c, VOCAB, c.workers);
      List<WorkerReport> reports = new ParameterAveraging(spark, c, VOCAB, DATA).round(start, 1).workers();
      Set<String> devices = new TreeSet<>();
      for (WorkerReport r : reports) devices.add(r.device().split(" \\(")[0]);
      assertEquals(Set.of("gpu 0", "gpu 1"), devices, "devices reported by the tasks: " + reports);
    } finally {
      StandaloneTestCluster.cleanUp(dir);
    }
  }

  @Test
  void aTaskGivenNoGpuComputesOnTheCpu() {
    assertEquals(null, TaskDevice.assignedGpu(), "outside a Spark task there is no assignment");
    assertEquals("cpu", TaskDevice.bind());
  }
}
