package dev.corpusforge.bench;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.readers.WarcReader;
import dev.corpusforge.io.HadoopConf;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Web reader throughput on one core: WARC parsing, HTTP decoding, charset detection and main-content extraction over
 * {@code pages-dev.warc.gz} repeated {@code copies} times (gzip members concatenate into one valid archive, held in
 * the page cache), after one warm-up pass. Reports per-core figures from the JVM's CPU time (and wall time). Run: {@code bin/bench pipeline WarcReaderBench [copies]}.
 */
public final class WarcReaderBench {
  public static void main(String[] args) throws Exception {
    int copies = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path samples = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    byte[] one = Files.readAllBytes(samples.resolve("web/pages-dev.warc.gz"));
    long uncompressed;
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(one))) {
      uncompressed = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < copies; i++) all.write(one);
    Path input = Files.createTempFile("warc-bench", ".warc.gz");
    try {
      Files.write(input, all.toByteArray());
      read(input);
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      long[] counts = read(input);
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      double seconds = (System.nanoTime() - start) / 1e9;
      double compressedMb = (double) one.length * copies / 1e6;
      double uncompressedMb = (double) uncompressed * copies / 1e6;
      System.out.printf("input: pages-dev.warc.gz x %d = %.1f MB compressed, %.1f MB uncompressed WARC%n",
          copies, compressedMb, uncompressedMb);
      System.out.printf("records read %d, documents kept %d, on 1 thread: %.2f s CPU, %.2f s wall%n", counts[0],
          counts[1], cpuSeconds, seconds);
      // CPU time of the whole JVM (reader thread, GC, JIT): other processes on a shared machine do not skew it.
      System.out.printf("throughput per core (process CPU time): %.2f MB/s compressed input, %.2f MB/s uncompressed WARC,"
          + " %.0f docs/s%n", compressedMb / cpuSeconds, uncompressedMb / cpuSeconds, counts[1] / cpuSeconds);
      System.out.printf("throughput per core (wall time): %.2f MB/s compressed input%n", compressedMb / seconds);
      System.out.println("command: bin/bench pipeline WarcReaderBench " + copies);
    } finally {
      Files.deleteIfExists(input);
    }
  }

  private static long[] read(Path file) throws Exception {
    InputFile in = new InputFile(file.toString(), Files.size(file), new HadoopConf(new Configuration()));
    long read = 0;
    long kept = 0;
    for (Iterator<ReadRecord> it = new WarcReader("web", new IngestConfig()).read(in); it.hasNext(); ) {
      ReadRecord r = it.next();
      read++;
      if (r.isKept()) kept++;
    }
    return new long[] {read, kept};
  }
}
