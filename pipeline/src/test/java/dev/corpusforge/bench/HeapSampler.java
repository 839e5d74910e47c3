package dev.corpusforge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** High-water mark of used JVM heap, sampled every 20 ms from a daemon thread while it runs (GC'd garbage included). */
public final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  public HeapSampler() {
    System.gc();
    peak = memory.getHeapMemoryUsage().getUsed();
    thread = new Thread(() -> {
      while (running) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  public long peakBytes() {
    return peak;
  }

  @Override public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
