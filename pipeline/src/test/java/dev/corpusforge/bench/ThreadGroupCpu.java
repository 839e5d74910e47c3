package dev.corpusforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds of this JVM's threads by kind, from Linux's {@code /proc/self/task}: the JIT's compiler threads, the
 * garbage collector's threads and the rest (driver, Spark's services; executor task threads come and go with
 * their pool, so their CPU is taken per task by the bench's listener instead). ManagementFactory cannot give this: compiler
 * and GC threads are invisible to ThreadMXBean and CompilationMXBean counts elapsed time, which a loaded machine
 * inflates. Threads that ended are not counted (on 2 cores the JVM keeps its one C1 and one C2 thread for good).
 */
final class ThreadGroupCpu {
  static final String[] GROUPS = {"JIT", "GC", "other"};

  private ThreadGroupCpu() {}

  /** Seconds per group now; empty where /proc is not there. */
  static Map<String, Double> now() {
    Map<String, Double> out = new LinkedHashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) return out;
    for (String g : GROUPS) out.put(g, 0.0);
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(t -> {
        try {
          String name = Files.readString(t.resolve("comm")).strip();
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, USER_HZ ticks
          out.merge(group(name), seconds, Double::sum);
        } catch (IOException | RuntimeException ended) {
          // the thread ended between the listing and the read
        }
      });
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  private static String group(String name) {
    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) return "JIT";
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) return "GC";
    return "other";
  }
}
