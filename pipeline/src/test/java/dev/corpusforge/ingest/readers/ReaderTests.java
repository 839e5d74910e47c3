package dev.corpusforge.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.testing.SparkTests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs one ingest into a fresh run directory and gives its counts and outputs. */
final class ReaderTests {
  final RunDir run;
  final StageCounts counts;
  final String source;

  ReaderTests(RunDir run, StageCounts counts, String source) {
    this.run = run;
    this.counts = counts;
    this.source = source;
  }

  static ReaderTests ingest(String kind, PipelineConfig config, Path... inputs) throws Exception {
    IngestInput in = new IngestInput();
    in.source = kind;
    for (Path p : inputs) in.paths.add(p.toString());
    RunDir run = new RunDir(SparkTests.tempDir(kind + "-run").resolve("run").toString());
    IngestStage.run(SparkTests.spark(), run, in, config);
    // The counts as written to _counts.json, which is what users and later checks read.
    StageCounts counts = StageCounts.read(run.counts("ingest"), SparkTests.spark().sparkContext().hadoopConfiguration());
    return new ReaderTests(run, counts, kind);
  }

  static ReaderTests ingest(String kind, Path... inputs) throws Exception {
    return ingest(kind, SparkTests.defaults(), inputs);
  }

  Dataset<Row> docs() {
    return SparkTests.spark().read().parquet(run.stage("ingest") + "/" + source);
  }

  Dataset<Row> rejects() {
    return SparkTests.spark().read().parquet(run.rejects("ingest") + "/" + source);
  }

  /** The counts of the one input file (or unit) whose path ends with {@code name}. */
  StageCounts.Group group(String name) {
    List<String> keys = counts.groups.keySet().stream().filter(k -> k.endsWith(name)).toList();
    assertEquals(1, keys.size(), "groups ending with " + name + ": " + counts.groups.keySet());
    StageCounts.Group g = counts.groups.get(keys.get(0));
    long rejected = g.rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(g.read, g.kept + rejected, "read = kept + rejected for " + keys.get(0));
    return g;
  }

  /** Reject counts of one group, by reason, with zeros left out: what a test compares to its expectation. */
  Map<String, Long> reasons(String name) {
    return new TreeMap<>(group(name).rejectedByReason);
  }

  static String metadata(Row doc, String key) {
    scala.collection.Map<String, String> m = doc.getAs("metadata");
    return m.get(key).isDefined() ? m.get(key).get() : null;
  }
}
