package dev.corpusforge.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage must read, per source, what its input stage kept: the check fails on a lost or an extra document. */
class StageCountsTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  /** Ingest counts by file: web kept 3 of 4 over two files, code kept 2, notes (folder not complete) kept 5. */
  private RunDir ingested() throws Exception {
    RunDir run = new RunDir(dir.toString());
    StageCounts ingest = new StageCounts();
    ingest.stage = "ingest";
    ingest.groupBy = "file";
    ingest.add("web:file:/in/a.warc.gz", null, 2, 100);
    ingest.add("web:file:/in/b.warc.gz", null, 1, 50);
    ingest.add("web:file:/in/b.warc.gz", "corrupt", 1, 0);
    ingest.add("code:file:/in/repo.tar.gz", null, 2, 10);
    ingest.add("notes:file:/in/notes.jsonl", null, 5, 10);
    ingest.write(run.counts("ingest"), conf);
    return run;
  }

  private static StageCounts read(Map<String, Long> bySource) {
    StageCounts c = new StageCounts();
    c.stage = "clean";
    c.groupBy = "source";
    bySource.forEach((source, n) -> c.add(source, null, n, 0));
    return c;
  }

  @Test
  void keptBySourceSumsTheInputFilesOfTheSourcesRead() throws Exception {
    RunDir run = ingested();
    List<String> read = List.of(dir.resolve("ingest/code").toString(), dir.resolve("ingest/web").toString());
    assertEquals(Map.of("web", 3L, "code", 2L), StageCounts.keptBySource(run, "ingest", read, conf));
    assertNull(StageCounts.keptBySource(run, "clean", List.of(dir.resolve("clean").toString()), conf),
        "no counts file: nothing to hold the reads to");
  }

  @Test
  void readsEqualToWhatTheInputKeptPass() throws Exception {
    Map<String, Long> kept = StageCounts.keptBySource(ingested(), "ingest",
        List.of(dir.resolve("ingest/code").toString(), dir.resolve("ingest/web").toString()), conf);
    read(Map.of("web", 3L, "code", 2L)).checkReads(kept);
    read(Map.of("web", 3L)).checkReads(null);
  }

  @Test
  void theNextStageFailsBeforeWritingWhenItsInputCountsDoNotMatch() throws Exception {
    Path input = dir.resolve("notes.jsonl");
    java.nio.file.Files.copy(dev.corpusforge.testing.SparkTests.root().resolve("data-samples/jsonl/notes.jsonl"), input);
    RunDir run = new RunDir(dir.resolve("run").toString());
    dev.corpusforge.config.PipelineConfig config = dev.corpusforge.testing.SparkTests.defaults();
    dev.corpusforge.config.PipelineConfig.IngestInput notes = new dev.corpusforge.config.PipelineConfig.IngestInput();
    notes.source = "jsonl";
    notes.name = "notes";
    notes.paths.add(input.toString());
    dev.corpusforge.ingest.IngestStage.run(dev.corpusforge.testing.SparkTests.spark(), run, notes, config);
    // ingest's counts claim one document more than its folder holds, as if a record had been lost between stages
    StageCounts counts = StageCounts.read(run.counts("ingest"), conf);
    counts.groups.values().iterator().next().kept++;
    counts.write(run.counts("ingest"), conf);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new dev.corpusforge.clean.CleanStage().run(dev.corpusforge.testing.SparkTests.spark(), run, config));
    assertTrue(e.getMessage().startsWith("clean: documents read do not match what the input stage kept (notes: read "),
        e.getMessage());
    assertTrue(!java.nio.file.Files.exists(Path.of(run.root(), "clean", RunDir.COMPLETE)), "nothing marked complete");
  }

  @Test
  void aLostOrAnExtraDocumentFailsTheStage() throws Exception {
    Map<String, Long> kept = Map.of("web", 3L, "code", 2L);
    IllegalStateException lost = assertThrows(IllegalStateException.class, () -> read(Map.of("web", 2L, "code", 2L)).checkReads(kept));
    assertTrue(lost.getMessage().contains("web: read 2, the input stage kept 3"), lost.getMessage());
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> read(Map.of("web", 3L)).checkReads(kept));
    assertTrue(missing.getMessage().contains("code: read 0, the input stage kept 2"), missing.getMessage());
    IllegalStateException extra = assertThrows(IllegalStateException.class,
        () -> read(Map.of("web", 3L, "code", 2L, "arxiv", 1L)).checkReads(kept));
    assertTrue(extra.getMessage().contains("arxiv: read 1, the input stage kept 0"), extra.getMessage());
  }
}
