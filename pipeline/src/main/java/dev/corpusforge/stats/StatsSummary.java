package dev.corpusforge.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.stage.StageCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * {@code DIR/stats/summary.json}: the run at a glance. Per stage (in order) and per source: documents read, kept and
 * rejected by reason and characters, exactly as recounted from the Parquet output and checked against the stage's
 * {@code _counts.json}; tokens where known; the final mixture from the shard manifest; and the row count of each table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class StatsSummary {
  public static final String FILE = "summary.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Stage names in pipeline order. */
  public List<String> stages = new ArrayList<>();
  /** Per stage: the recount, grouped by source (same fields as _counts.json), plus tokens kept where known. */
  public Map<String, StageSummary> counts = new LinkedHashMap<>();
  /** True when every stage's recount equals its _counts.json (the stage fails otherwise). */
  public boolean reconciled;
  /**
   * Per stage after the first: whether it read, per source, exactly what the stage before it kept. False means a
   * stage was rerun without the ones after it (`run` reruns them all).
   */
  public Map<String, Boolean> inputMatchesPreviousOutput = new LinkedHashMap<>();
  /** The trained-on mixture from shards/manifest.json: null before the shard stage has completed. */
  public Mixture mixture;
  /** Rows per table under DIR/stats/. */
  public Map<String, Integer> tables = new LinkedHashMap<>();

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class StageSummary {
    public StageCounts.Group total;
    public TreeMap<String, StageCounts.Group> sources;
    public Long tokensKept;
    public TreeMap<String, Long> tokensKeptBySource;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Mixture {
    public String tokenizer;
    public long shards;
    public Long tokens;
    public TreeMap<String, Long> tokensBySplit = new TreeMap<>();
    public TreeMap<String, Long> tokensBySource = new TreeMap<>();
  }

  static StatsSummary of(List<StageOutput> stages, Map<String, StageCounts> measured, Map<String, List<Row>> tables,
      ShardMixture mixture) {
    StatsSummary s = new StatsSummary();
    for (StageOutput st : stages) {
      s.stages.add(st.name);
      StageSummary c = new StageSummary();
      c.total = measured.get(st.name).total;
      c.sources = measured.get(st.name).groups;
      s.counts.put(st.name, c);
    }
    for (Row r : tables.get("funnel")) {
      Object tokens = r.getAs("tokens_out");
      if (tokens == null) continue;
      StageSummary c = s.counts.get(r.<String>getAs("stage"));
      if (c == null) continue;  // the shard stage: from its manifest below
      if (c.tokensKeptBySource == null) c.tokensKeptBySource = new TreeMap<>();
      c.tokensKeptBySource.put(r.getAs("source"), (Long) tokens);
      c.tokensKept = (c.tokensKept == null ? 0 : c.tokensKept) + (Long) tokens;
    }
    s.reconciled = true;
    if (mixture != null) {
      StageSummary c = new StageSummary();
      c.total = mixture.counts.total;
      c.sources = mixture.counts.groups;
      c.tokensKept = mixture.tokens();
      c.tokensKeptBySource = new TreeMap<>();
      mixture.manifest.sources.forEach((k, v) -> c.tokensKeptBySource.put(k, v.tokens));
      s.stages.add(ShardStage.NAME);
      s.counts.put(ShardStage.NAME, c);
      Mixture m = new Mixture();
      m.tokenizer = mixture.manifest.tokenizer == null ? null : mixture.manifest.tokenizer.name;
      m.shards = mixture.manifest.shards.size();
      m.tokens = mixture.tokens();
      mixture.manifest.shards.forEach(sh -> m.tokensBySplit.merge(sh.split, sh.tokens, Long::sum));
      m.tokensBySource.putAll(c.tokensKeptBySource);
      s.mixture = m;
    }
    StageSummary previous = null;
    for (var e : s.counts.entrySet()) {
      StageSummary c = e.getValue();
      if (previous != null) {
        boolean same = true;
        for (String source : union(previous.sources.keySet(), c.sources.keySet())) {
          StageCounts.Group before = previous.sources.get(source);
          StageCounts.Group now = c.sources.get(source);
          same &= (before == null ? 0 : before.kept) == (now == null ? 0 : now.read);
        }
        s.inputMatchesPreviousOutput.put(e.getKey(), same);
      }
      previous = c;
    }
    tables.forEach((k, v) -> s.tables.put(k, v.size()));
    return s;
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** "ingest 1,234 → clean 1,000 → dedup 950 documents kept; 1.2M tokens": for the stage's summary line. */
  String funnelLine() {
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(String.format("%s %,d", k, v.total.kept)));
    String line = String.join(" -> ", parts) + " documents kept";
    Long tokens = mixture != null && mixture.tokens != null ? mixture.tokens
        : counts.values().stream().map(c -> c.tokensKept).filter(t -> t != null).reduce((a, b) -> b).orElse(null);
    return tokens == null ? line : line + String.format("; %,d tokens", tokens);
  }

  void write(Path path, Configuration conf) throws IOException {
    try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
      out.write(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  public static StatsSummary read(Path path, Configuration conf) throws IOException {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return JSON.readValue(in, StatsSummary.class);
    }
  }
}
