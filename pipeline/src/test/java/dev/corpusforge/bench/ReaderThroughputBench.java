package dev.corpusforge.bench;

import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.InputFiles;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.Readers;
import dev.corpusforge.ingest.SourceReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Single-thread throughput of one reader, without Spark: MB of input (the files as stored, compressed or not) per
 * second of wall time and per second of this thread's CPU time (the per-core figure, robust to other load on the
 * machine). Inputs are read again and again until {@code --seconds} have passed, after one warm-up pass.
 *
 * <pre>bin/bench pipeline ReaderThroughputBench wikipedia|arxiv|code|jsonl|parquet [--seconds N] [INPUT...]</pre>
 */
public final class ReaderThroughputBench {
  private ReaderThroughputBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) throw new IllegalArgumentException("usage: ReaderThroughputBench wikipedia|arxiv|code|jsonl|parquet [--seconds N] [INPUT...]");
    String kind = args[0];
    double seconds = 20;
    List<String> paths = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--seconds")) seconds = Double.parseDouble(args[++i]);
      else paths.add(args[i]);
    }
    Path root = Path.of(System.getProperty("corpusforge.root", "."));
    Path shared = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    if (paths.isEmpty()) {
      switch (kind) {
        case "wikipedia":
          paths.add(shared.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2").toString());
          break;
        default:
          paths.add(root.resolve("data-samples/" + kind).toString());
      }
    }
    PipelineConfig config = ConfigLoader.load(null, List.of());
    IngestInput input = new IngestInput();
    input.source = kind;
    input.paths = paths;
    SourceReader reader = Readers.forInput(input, config);
    List<InputFile> files = InputFiles.list(paths, reader, new Configuration());

    pass(reader, files); // warm-up: class loading and JIT
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long wall0 = System.nanoTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long bytes = 0;
    long[] counts = new long[3];
    int passes = 0;
    while (passes == 0 || (System.nanoTime() - wall0) / 1e9 < seconds) {
      long[] c = pass(reader, files);
      counts[0] += c[0];
      counts[1] += c[1];
      counts[2] += c[2];
      for (InputFile f : files) bytes += f.length();
      passes++;
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double mb = bytes / 1e6;
    System.out.printf(Locale.ROOT, "reader=%s inputs=%s passes=%d input_mb=%.2f records=%d kept=%d wall_s=%.2f cpu_s=%.2f "
            + "mb_per_s_wall=%.2f mb_per_s_per_core_cpu=%.2f records_per_cpu_s=%.0f%s%n",
        kind, paths, passes, mb, counts[0], counts[1], wall, cpu, mb / wall, mb / cpu, counts[0] / cpu,
        kind.equals("wikipedia") ? " kept_with_wiki_markup=" + counts[2] : "");
    System.out.println("command: bin/bench pipeline ReaderThroughputBench " + String.join(" ", Arrays.asList(args)));
  }

  private static final List<String> WIKI_MARKUP = List.of("{{", "}}", "[[", "]]", "<ref", "{|");

  /** Reads every file once; returns records read, kept, and kept documents still holding wiki markup. */
  private static long[] pass(SourceReader reader, List<InputFile> files) throws Exception {
    long read = 0;
    long kept = 0;
    long markup = 0;
    for (InputFile f : files) {
      for (Iterator<ReadRecord> it = reader.read(f); it.hasNext(); ) {
        ReadRecord r = it.next();
        read++;
        if (!r.isKept()) continue;
        kept++;
        String text = r.getDoc().getText();
        if (WIKI_MARKUP.stream().anyMatch(text::contains)) markup++;
      }
    }
    return new long[] {read, kept, markup};
  }
}
