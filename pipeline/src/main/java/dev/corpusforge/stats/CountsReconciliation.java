package dev.corpusforge.stats;

import dev.corpusforge.stage.StageCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Recounts each stage from its Parquet output (kept documents and rejects by reason, with characters, per source)
 * and checks the result against the stage's {@code _counts.json}. A mismatch means a stage's output and its counts
 * disagree (an interrupted or hand-edited run): the stats would be wrong, so the stage fails and names the fix.
 */
final class CountsReconciliation {
  private CountsReconciliation() {}

  /** The recount per stage, grouped by source; {@code cells} are rows of (stage, source, reason, documents, chars). */
  static Map<String, StageCounts> verify(List<StageOutput> stages, List<Row> cells, String runDir) {
    Map<String, StageCounts> measured = new TreeMap<>();
    for (StageOutput s : stages) {
      StageCounts c = new StageCounts();
      c.stage = s.name;
      c.groupBy = "source";
      measured.put(s.name, c);
    }
    for (Row r : cells) {
      measured.get(r.getString(0)).add(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4));
    }
    List<String> problems = new ArrayList<>();
    for (StageOutput s : stages) {
      Map<String, StageCounts.Group> expected = bySource(s);
      StageCounts got = measured.get(s.name);
      for (String source : union(expected.keySet(), got.groups.keySet())) {
        StageCounts.Group e = expected.getOrDefault(source, new StageCounts.Group());
        StageCounts.Group g = got.groups.getOrDefault(source, new StageCounts.Group());
        if (e.read != g.read || e.kept != g.kept || e.rejected != g.rejected || e.bytesRead != g.bytesRead
            || e.bytesKept != g.bytesKept || !e.rejectedByReason.equals(g.rejectedByReason)) {
          problems.add(String.format("%s/%s: _counts.json has read %d kept %d rejected %s, the Parquet output holds "
              + "read %d kept %d rejected %s", s.name, source, e.read, e.kept, e.rejectedByReason, g.read, g.kept,
              g.rejectedByReason));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("stats: stage outputs do not match their counts in " + runDir + ": "
          + String.join("; ", problems) + ". Rerun those stages (`bin/corpusforge run --force --run-dir " + runDir + "`)");
    }
    // Bytes skipped as damaged and records recovered after damage are not in the output rows: taken from _counts.json.
    for (StageOutput s : stages) {
      bySource(s).forEach((source, e) -> e.counters.forEach((k, v) -> measured.get(s.name).count(source, k, v)));
    }
    return measured;
  }

  /** A stage's counts regrouped by source (ingest counts per input file), for the sources whose output is complete. */
  static Map<String, StageCounts.Group> bySource(StageOutput s) {
    Map<String, StageCounts.Group> out = new TreeMap<>();
    for (var e : s.counts.groups.entrySet()) {
      String source = s.sourceOf(e.getKey());
      if (!s.covers(source)) continue;
      StageCounts.Group g = out.computeIfAbsent(source, k -> new StageCounts.Group());
      StageCounts.Group x = e.getValue();
      g.read += x.read;
      g.kept += x.kept;
      g.rejected += x.rejected;
      g.bytesRead += x.bytesRead;
      g.bytesKept += x.bytesKept;
      x.rejectedByReason.forEach((k, v) -> g.rejectedByReason.merge(k, v, Long::sum));
      x.counters.forEach((k, v) -> g.counters.merge(k, v, Long::sum));
    }
    return out;
  }

  private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    TreeMap<String, Boolean> all = new TreeMap<>();
    a.forEach(k -> all.put(k, true));
    b.forEach(k -> all.put(k, true));
    return new ArrayList<>(all.keySet());
  }
}
