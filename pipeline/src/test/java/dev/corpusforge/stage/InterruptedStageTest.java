package dev.corpusforge.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * A stage that fails while being redone is never taken as complete (its old marker goes first), what a killed writer
 * leaves behind is cleared rather than read, and redoing the stage gives the same bytes.
 */
class InterruptedStageTest {
  private static final Configuration CONF = SparkTests.spark().sparkContext().hadoopConfiguration();

  private static Dataset<Row> records(String failOn) {
    UserDefinedFunction check = udf((String id) -> {
      if (id.equals(failOn)) throw new IllegalStateException("injected failure at " + id);
      return id;
    }, DataTypes.StringType);
    return SparkTests.spark().range(500).select(
        check.apply(col("id").cast("string")).as("id"), lit("test").as("source"),
        col("id").cast("string").as("text"), lit(null).cast("string").as(Rejects.REASON),
        lit(null).cast("string").as(Rejects.DETAILS));
  }

  @Test
  void failedRewriteLeavesNoCompleteMarkerAndRedoIsByteIdentical() throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir("interrupted").resolve("run").toString());
    StageWriter.write(records("none"), StageWriter.Target.of(run, "s", 3));
    List<byte[]> first = parts(run);
    assertTrue(run.isComplete("s", CONF));

    assertThrows(Exception.class, () -> StageWriter.write(records("250"), StageWriter.Target.of(run, "s", 3)));
    assertFalse(run.isComplete("s", CONF), "the old marker is cleared before the rewrite starts");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.documentPaths("s", CONF));
    assertTrue(e.getMessage().contains("no complete output of stage 's'"), e.getMessage());

    // What a writer killed mid-write leaves behind: half-written parts in the stage folder, under names the redo
    // writes again and under one it does not (a run with more files).
    Path stageDir = Files.createDirectories(Path.of(run.stage("s").toString()));
    Files.writeString(stageDir.resolve("part-00001.parquet"), "half a file");
    Path leftover = stageDir.resolve("part-00009.parquet");
    Files.writeString(leftover, "half a file");

    StageWriter.write(records("none"), StageWriter.Target.of(run, "s", 3));
    assertTrue(run.isComplete("s", CONF));
    assertFalse(Files.exists(leftover), "the leftover is cleared, not taken as output");
    List<byte[]> redone = parts(run);
    assertEquals(first.size(), redone.size());
    for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), redone.get(i));
  }

  private static List<byte[]> parts(RunDir run) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(run.stage("s").toString()))) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
    return out;
  }
}
