package dev.corpusforge.training.model;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend is running (CPU or CUDA): with both on the classpath and no GPU, ND4J falls back to the CPU. */
public final class Backend {
  private Backend() {}

  public static String describe() {
    String name = Nd4j.getBackend().getClass().getSimpleName();
    return (name.toLowerCase().contains("cuda") ? "CUDA" : "CPU") + " (" + name + ", " + Nd4j.dataType() + " default)";
  }

  public static boolean isCpu() {
    return !Nd4j.getBackend().getClass().getSimpleName().toLowerCase().contains("cuda");
  }
}
