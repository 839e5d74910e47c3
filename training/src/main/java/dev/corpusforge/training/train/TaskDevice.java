package dev.corpusforge.training.train;

import dev.corpusforge.training.model.Backend;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;
import scala.Option;

/**
 * Binds a training task to the GPU Spark scheduled for it. With resource scheduling
 * ({@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount=1} and a discovery script) each
 * task is given one GPU address in {@code TaskContext.resources()}, distinct among the tasks running at the same time
 * on an executor; on the CUDA backend this binds the task's thread to that device before any array is allocated
 * (ND4J places a thread's arrays and kernels on the device its affinity names). A task given no GPU runs on the
 * backend the JVM loaded, which is the CPU backend wherever no CUDA device and natives are present.
 */
public final class TaskDevice {
  /** Spark's resource name for GPUs, as in {@code spark.task.resource.gpu.amount}. */
  public static final String GPU = "gpu";

  private TaskDevice() {}

  /** Binds the current task's thread to its GPU, if it was given one; returns what it computes on, e.g. "gpu 1". */
  public static String bind() {
    String address = assignedGpu();
    if (address == null) return "cpu";
    if (Backend.isCpu()) return "gpu " + address + " (assigned; CPU backend loaded, computing on the CPU)";
    int device;
    try {
      device = Integer.parseInt(address.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("GPU address '" + address + "' from Spark's discovery script is not a CUDA device"
          + " ordinal; make the script list the ordinals nvidia-smi shows (0, 1, ...)", e);
    }
    Nd4j.getAffinityManager().unsafeSetDevice(device);
    return "gpu " + address;
  }

  /** The first GPU address Spark assigned to the running task, or null outside a task or without GPUs. */
  public static String assignedGpu() {
    TaskContext task = TaskContext.get();
    if (task == null) return null;
    Option<ResourceInformation> gpu = task.resources().get(GPU);
    if (gpu.isEmpty() || gpu.get().addresses().length == 0) return null;
    return gpu.get().addresses()[0];
  }
}
