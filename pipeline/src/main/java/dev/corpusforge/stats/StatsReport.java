package dev.corpusforge.stats;

import dev.corpusforge.stage.ErrorBudget;
import dev.corpusforge.stage.StageCounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One self-contained HTML page from {@code DIR/stats/}: the summary, the same charts as the notebook as inline SVG,
 * and sample rejects. It reads the CSV copies of the tables, so it needs neither Spark nor a browser plugin.
 */
public final class StatsReport {
  private final String runDir;
  private final StatsSummary summary;
  private final Map<String, List<Map<String, String>>> tables = new TreeMap<>();
  private final StringBuilder body = new StringBuilder();
  private final List<String> missing = new ArrayList<>();
  private final Map<String, Integer> palette = new LinkedHashMap<>();

  private StatsReport(String runDir, StatsSummary summary) {
    this.runDir = runDir;
    this.summary = summary;
  }

  public static StatsReport load(String runDir, Configuration conf) throws IOException {
    Path dir = new Path(runDir, StatsStage.NAME);
    FileSystem fs = dir.getFileSystem(conf);
    Path summaryFile = new Path(dir, StatsSummary.FILE);
    if (!fs.exists(summaryFile)) {
      throw new IllegalArgumentException("no " + summaryFile + "; run `bin/corpusforge stats --run-dir " + runDir + "` first");
    }
    StatsReport r = new StatsReport(runDir, StatsSummary.read(summaryFile, conf));
    for (String name : r.summary.tables.keySet()) {
      try (InputStream in = fs.open(new Path(dir, name + ".csv"))) {
        List<List<String>> rows = Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        List<Map<String, String>> table = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
          Map<String, String> m = new LinkedHashMap<>();
          for (int i = 0; i < rows.get(0).size(); i++) m.put(rows.get(0).get(i), i < row.size() ? row.get(i) : null);
          table.add(m);
        }
        r.tables.put(name, table);
      }
    }
    return r;
  }

  /** Charts that had no data (their stage is not in the run, or it produced nothing to show). */
  public List<String> missing() {
    return missing;
  }

  public String html() {
    body.setLength(0);
    missing.clear();
    summaryTable();
    funnel();
    tokens();
    rejects();
    lengths("chars", "characters");
    lengths("tokens", "tokens");
    languages();
    top("top_domains", "domain", "Top web domains", "domain");
    top("code_languages", "code_language", "Code languages", "language (from the file extension or the reader)");
    duplicates();
    signals();
    qualityScores();
    mixture();
    samples();
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>corpusforge stats: "
        + Html.escape(runDir) + "</title><style>body{font-family:sans-serif;max-width:1040px;margin:2em auto;color:#222}"
        + "table{border-collapse:collapse;font-size:13px;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
        + "text-align:right;vertical-align:top}td.t,th.t{text-align:left}pre{white-space:pre-wrap;max-width:560px;"
        + "margin:0;font-size:12px}.note{color:#a33}</style></head><body>\n<h1>corpusforge run statistics</h1>\n<p>Run "
        + "directory <code>" + Html.escape(runDir) + "</code>; stages " + Html.escape(String.join(", ", summary.stages))
        + "; counts reconciled with each stage's <code>_counts.json</code>: " + summary.reconciled + ".</p>\n"
        + body + "</body></html>\n";
  }

  private List<Map<String, String>> rows(String table, Predicate<Map<String, String>> keep) {
    return tables.getOrDefault(table, List.of()).stream().filter(keep).toList();
  }

  /** The latest stage (highest stage_order) that has rows in a table. */
  private String lastStage(String table) {
    return tables.getOrDefault(table, List.of()).stream()
        .max((a, b) -> Integer.compare(Integer.parseInt(a.get("stage_order")), Integer.parseInt(b.get("stage_order"))))
        .map(r -> r.get("stage")).orElse(null);
  }

  private void chart(String heading, SvgBarChart chart, String note) {
    chart.palette(palette);
    body.append("<h2>").append(Html.escape(heading)).append("</h2>\n");
    if (chart.isEmpty()) {
      missing.add(heading);
      body.append("<p class=\"note\">No data: ").append(Html.escape(note)).append("</p>\n");
    } else {
      body.append(chart.render()).append('\n');
    }
  }

  private void summaryTable() {
    body.append("<h2>Summary</h2>\n<table><tr><th class=\"t\">stage</th><th>read</th><th>kept</th><th>rejected</th>"
        + "<th>characters kept</th><th>tokens kept</th><th>programming errors</th><th>damaged bytes skipped</th>"
        + "<th class=\"t\">top reject reasons</th></tr>\n");
    summary.counts.forEach((stage, c) -> {
      String reasons = c.total.rejectedByReason.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(4)
          .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue())).reduce((a, b) -> a + ", " + b).orElse("");
      boolean shard = "shard".equals(stage);
      long errors = ErrorBudget.errors(c.total).values().stream().mapToLong(Long::longValue).sum();
      body.append(String.format(Locale.ROOT, "<tr><td class=\"t\">%s</td><td>%,d</td><td>%,d</td><td>%,d</td><td>%s</td><td>%s</td>"
              + "<td>%,d</td><td>%,d</td><td class=\"t\">%s</td></tr>\n", Html.escape(stage), c.total.read, c.total.kept,
          c.total.rejected, shard ? "" : String.format(Locale.ROOT, "%,d", c.total.bytesKept),
          c.tokensKept == null ? "" : String.format(Locale.ROOT, "%,d", c.tokensKept), errors,
          c.total.counters.getOrDefault(StageCounts.BYTES_SKIPPED, 0L), Html.escape(reasons)));
    });
    body.append("</table>\n");
    if (summary.mixture != null) {
      body.append(String.format(Locale.ROOT, "<p>Shards: %d, %s tokens (%s), tokenizer %s.</p>\n", summary.mixture.shards,
          summary.mixture.tokens == null ? "?" : String.format(Locale.ROOT, "%,d", summary.mixture.tokens),
          Html.escape(summary.mixture.tokensBySplit.toString()), Html.escape(String.valueOf(summary.mixture.tokenizer))));
    }
    if (summary.inputMatchesPreviousOutput.containsValue(false)) {
      body.append("<p class=\"note\">Some stages did not read what the stage before them kept (rerun alone?): ")
          .append(Html.escape(summary.inputMatchesPreviousOutput.toString())).append("</p>\n");
    }
  }

  private void funnel() {
    SvgBarChart c = new SvgBarChart("Documents surviving each stage, by source", "stage", "documents");
    for (Map<String, String> r : rows("funnel", r -> true)) {
      if (r.get("stage_order").equals("0")) c.add(r.get("stage") + " (read)", r.get("source"), num(r.get("documents_in")));
    }
    for (Map<String, String> r : rows("funnel", r -> true)) c.add(r.get("stage"), r.get("source"), num(r.get("documents_out")));
    chart("Funnel: documents", c, "no stage output in this run");
  }

  private void tokens() {
    SvgBarChart c = new SvgBarChart("Tokens surviving each stage, by source", "stage", "tokens");
    for (Map<String, String> r : rows("funnel", r -> r.get("tokens_out") != null)) c.add(r.get("stage"), r.get("source"), num(r.get("tokens_out")));
    chart("Funnel: tokens", c, "no tokenize or shard stage in this run");
  }

  private void rejects() {
    SvgBarChart c = new SvgBarChart("Rejected documents by stage and reason", "stage: reason", "documents").stacked();
    for (Map<String, String> r : rows("rejects_by_reason", r -> true)) {
      c.add(r.get("stage") + ": " + r.get("reason"), r.get("source"), num(r.get("documents")));
    }
    chart("Reject reasons", c, "no stage rejected anything");
  }

  private void lengths(String unit, String label) {
    List<Map<String, String>> all = rows("length_histogram", r -> r.get("unit").equals(unit));
    String last = all.stream().max((a, b) -> Integer.compare(Integer.parseInt(a.get("stage_order")),
        Integer.parseInt(b.get("stage_order")))).map(r -> r.get("stage")).orElse(null);
    SvgBarChart c = new SvgBarChart("Document length in " + label + (last == null ? "" : " after " + last),
        label + " per document (bin)", "documents");
    TreeMap<Integer, String> bins = new TreeMap<>();
    for (Map<String, String> r : all) {
      if (r.get("stage").equals(last)) bins.put(Integer.parseInt(r.get("bin")), binLabel(r.get("bin_lo"), r.get("bin_hi")));
    }
    bins.values().forEach(c::category);
    for (Map<String, String> r : all) {
      if (r.get("stage").equals(last)) c.add(binLabel(r.get("bin_lo"), r.get("bin_hi")), r.get("source"), num(r.get("documents")));
    }
    chart("Length in " + label, c, "no " + ("tokens".equals(unit) ? "tokenize stage" : "documents") + " in this run");
  }

  private void languages() {
    String last = lastStage("language");
    Map<String, Double> total = new LinkedHashMap<>();
    for (Map<String, String> r : rows("language", r -> r.get("stage").equals(last))) total.merge(r.get("language"), num(r.get("documents")), Double::sum);
    List<String> topLanguages = total.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(20).map(Map.Entry::getKey).toList();
    SvgBarChart c = new SvgBarChart("Languages of kept documents" + (last == null ? "" : " after " + last), "language", "documents").stacked();
    for (String l : topLanguages) {
      for (Map<String, String> r : rows("language", r -> r.get("stage").equals(last) && r.get("language").equals(l))) {
        c.add(l, r.get("source"), num(r.get("documents")));
      }
    }
    chart("Languages", c, "no stage in this run sets a language (clean does)");
    String lastConf = lastStage("language_confidence");
    SvgBarChart conf = new SvgBarChart("Language-ID confidence" + (lastConf == null ? "" : " after " + lastConf),
        "confidence of the detected language (bin)", "documents").stacked();
    for (Map<String, String> r : rows("language_confidence", r -> r.get("stage").equals(lastConf))) {
      conf.add(binLabel(r.get("bin_lo"), r.get("bin_hi")), r.get("source"), num(r.get("documents")));
    }
    chart("Language confidence", conf, "no stage in this run sets a language confidence (clean does)");
  }

  private void top(String table, String key, String title, String xLabel) {
    String last = lastStage(table);
    Map<String, Double> total = new LinkedHashMap<>();
    for (Map<String, String> r : rows(table, r -> r.get("stage").equals(last))) total.merge(r.get(key), num(r.get("documents")), Double::sum);
    SvgBarChart c = new SvgBarChart(title + (last == null ? "" : " after " + last), xLabel, "documents");
    total.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(25)
        .forEach(e -> c.add(e.getKey(), "documents", e.getValue()));
    chart(title, c, "no documents with " + key.replace('_', ' ') + " in this run");
  }

  private void duplicates() {
    SvgBarChart c = new SvgBarChart("Duplicate-cluster sizes (a kept document and the duplicates dedup dropped)",
        "documents per cluster", "clusters").log();
    for (Map<String, String> r : rows("dup_cluster_sizes", r -> true)) c.add(r.get("cluster_size"), "clusters", num(r.get("clusters")));
    chart("Duplicate clusters", c, "no dedup stage in this run");
  }

  private void signals() {
    Map<String, SvgBarChart> charts = new LinkedHashMap<>();
    for (Map<String, String> r : rows("signal_histograms", r -> true)) {
      String name = r.get("stage") + " / " + r.get("signal");
      charts.computeIfAbsent(name, k -> new SvgBarChart("Quality signal " + k, r.get("signal") + " (bin lower edge)", "documents"))
          .add(SvgBarChart.format(num(r.get("bin_lo"))), r.get("population"), num(r.get("documents")));
    }
    if (charts.isEmpty()) chart("Quality signals", new SvgBarChart("", "", ""), "no filtering stage with signal values in this run");
    charts.forEach((k, c) -> chart("Quality signal: " + k, c, ""));
  }

  /** The quality stage's score histogram per source, kept vs rejected, and each source's kept share. */
  private void qualityScores() {
    Map<String, SvgBarChart> charts = new LinkedHashMap<>();
    Map<String, double[]> shares = new LinkedHashMap<>();
    for (Map<String, String> r : rows("quality_scores", r -> true)) {
      String source = r.get("source");
      SvgBarChart c = charts.computeIfAbsent(source, k -> new SvgBarChart("Quality score, " + k, "score (bin lower edge)", "documents"));
      c.add(SvgBarChart.format(num(r.get("bin_lo"))), "kept", num(r.get("kept")));
      c.add(SvgBarChart.format(num(r.get("bin_lo"))), "rejected", num(r.get("rejected")));
      double[] s = shares.computeIfAbsent(source, k -> new double[2]);
      s[0] += num(r.get("kept"));
      s[1] += num(r.get("kept")) + num(r.get("rejected"));
    }
    // The quality stage is optional: a run without it has no section, not a missing chart.
    charts.forEach((k, c) -> {
      chart("Quality scores: " + k, c, "");
      body.append(String.format("<p>Kept share of %s: %.1f%% of %,.0f scored documents.</p>%n", Html.escape(k),
          100 * shares.get(k)[0] / Math.max(1, shares.get(k)[1]), shares.get(k)[1]));
    });
  }

  private void mixture() {
    SvgBarChart c = new SvgBarChart("Token mixture by source: tokenized, and in the shards after mixture weights",
        "source", "tokens");
    for (Map<String, String> r : rows("token_mixture", r -> r.get("tokens") != null)) {
      c.add(r.get("source"), "tokenized", num(r.get("tokens_in")));
      c.add(r.get("source"), "in the shards", num(r.get("tokens")));
    }
    chart("Token mixture", c, "no shard manifest in this run");
    SvgBarChart s = new SvgBarChart("Tokens per shard", "shard", "tokens");
    for (Map<String, String> r : rows("shard_tokens", r -> r.get("tokens") != null)) {
      s.add(r.get("path"), r.get("split") == null ? "shards" : r.get("split"), num(r.get("tokens")));
    }
    chart("Shards", s, "no shard manifest in this run");
  }

  private void samples() {
    body.append("<h2>Sample rejected documents (first by id, per stage and reason)</h2>\n");
    List<Map<String, String>> rows = rows("reject_samples", r -> true);
    if (rows.isEmpty()) {
      missing.add("Sample rejected documents");
      body.append("<p class=\"note\">No data: nothing was rejected.</p>\n");
      return;
    }
    body.append("<table><tr><th class=\"t\">stage</th><th class=\"t\">reason</th><th class=\"t\">document</th>"
        + "<th class=\"t\">text (start)</th><th class=\"t\">details</th></tr>\n");
    for (Map<String, String> r : rows) {
      body.append("<tr><td class=\"t\">").append(Html.escape(r.get("stage"))).append("</td><td class=\"t\">")
          .append(Html.escape(r.get("reason"))).append("</td><td class=\"t\">").append(Html.escape(r.get("source")))
          .append("<br>").append(Html.escape(r.get("id")))
          .append(r.get("url") == null ? "" : "<br>" + Html.escape(r.get("url")))
          .append("</td><td class=\"t\"><pre>").append(Html.escape(r.get("text")))
          .append("</pre></td><td class=\"t\"><pre>").append(Html.escape(r.get("details"))).append("</pre></td></tr>\n");
    }
    body.append("</table>\n");
  }

  private static String binLabel(String lo, String hi) {
    return "[" + SvgBarChart.format(num(lo)) + ", " + (hi == null ? "∞" : SvgBarChart.format(num(hi))) + ")";
  }

  private static double num(String s) {
    return s == null || s.isEmpty() ? 0 : Double.parseDouble(s);
  }
}
