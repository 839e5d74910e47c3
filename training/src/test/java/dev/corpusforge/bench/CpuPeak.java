package dev.corpusforge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU's theoretical float32 peak for the cores a benchmark computes on: cores x FMA lanes per core x 2 FLOPs per
 * FMA x clock. Read from /proc/cpuinfo: the clock from "cpu MHz" (what the kernel reports; a virtual machine usually
 * shows the nominal clock and no boost), the vector width from "flags" (avx512f: 16 float lanes, avx2 + fma: 8, else
 * 4). FMA pipes per core are not in /proc/cpuinfo: 2, as on every x86 server core since Intel Skylake-SP and AMD Zen 2,
 * unless -Dcpu.fmaUnits says otherwise. Cores: OMP_NUM_THREADS if set (ND4J's ops use that many), else all.
 */
record CpuPeak(String model, double mhz, int lanes, int fmaUnits, int cores, String how) {
  static CpuPeak read() throws Exception {
    List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
    String model = field(info, "model name") + " (family " + field(info, "cpu family") + ", model " + field(info, "model") + ")";
    double mhz = Double.parseDouble(field(info, "cpu MHz"));
    List<String> flags = List.of(field(info, "flags").split(" "));
    int lanes = flags.contains("avx512f") ? 16 : flags.contains("avx2") && flags.contains("fma") ? 8 : 4;
    int fmaUnits = Integer.getInteger("cpu.fmaUnits", 2);
    String omp = System.getenv("OMP_NUM_THREADS");
    int cores = omp != null ? Integer.parseInt(omp) : Runtime.getRuntime().availableProcessors();
    String how = "clock from /proc/cpuinfo 'cpu MHz', " + lanes + " float32 lanes from its flags ("
        + (lanes == 16 ? "avx512f" : lanes == 8 ? "avx2+fma" : "sse") + "), " + fmaUnits + " FMA pipes per core ("
        + (Integer.getInteger("cpu.fmaUnits") == null ? "assumed" : "-Dcpu.fmaUnits") + "), " + cores + " core(s) ("
        + (omp != null ? "OMP_NUM_THREADS" : "all available") + ")";
    return new CpuPeak(model, mhz, lanes, fmaUnits, cores, how);
  }

  double peakFlops() {
    return cores * (double) lanes * fmaUnits * 2 * mhz * 1e6;
  }

  String describe() {
    return String.format("CPU %s: theoretical float32 peak %d core(s) x %d FMA lanes x 2 x %.0f MHz = %.1f GFLOP/s (%s)",
        model, cores, lanes * fmaUnits, mhz, peakFlops() / 1e9, how);
  }

  private static String field(List<String> info, String name) {
    for (String line : info)
      if (line.startsWith(name) && line.substring(name.length()).trim().startsWith(":"))
        return line.substring(line.indexOf(':') + 1).trim();
    return "?";
  }
}
