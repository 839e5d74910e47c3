package dev.corpusforge.cli;

import dev.corpusforge.stats.StatsReport;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write one self-contained HTML page (inline SVG charts, no scripts or external files) from a run's "
        + "stats (DIR/stats/, written by the stats stage): the funnel, reject reasons, length, language, domain and "
        + "code-language distributions, duplicate clusters, quality signals, the token mixture and sample rejects.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Run directory (any Hadoop path)")
  String runDir;

  @Option(names = "--output", paramLabel = "FILE.html", description = "Output file (default: DIR/stats/report.html)")
  String output;

  @Override public Integer call() throws Exception {
    Configuration conf = new Configuration();
    StatsReport report = StatsReport.load(runDir, conf);
    String html = report.html();
    Path out = new Path(output != null ? output : runDir + "/stats/report.html");
    try (OutputStream o = out.getFileSystem(conf).create(out, true)) {
      o.write(html.getBytes(StandardCharsets.UTF_8));
    }
    System.err.printf("[corpusforge] report: %s (%,d bytes)%s%n", out, html.length(),
        report.missing().isEmpty() ? "" : "; no data for: " + String.join(", ", report.missing()));
    return 0;
  }
}
