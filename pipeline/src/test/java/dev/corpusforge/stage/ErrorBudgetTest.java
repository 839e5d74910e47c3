package dev.corpusforge.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.ErrorBudgetConfig;
import dev.corpusforge.testing.SparkTests;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Programming errors ({@code <step>:error} rejects) fail a stage once they pass the budget (issue 15): more than 0.1 %
 * of the records, or any at all under 1,000 records; under the budget the stage completes with them counted. Damage
 * (any other reason) never fails a stage, whatever its count.
 */
class ErrorBudgetTest {
  private static final Configuration CONF = SparkTests.spark().sparkContext().hadoopConfiguration();

  /** {@code records} documents, the first {@code errors} rejected as "gopher:error", the next {@code corrupt} as damage. */
  private static Dataset<Row> records(long records, long errors, long corrupt) {
    return SparkTests.spark().range(records).select(
        concat(lit("doc-"), col("id").cast("string")).as("id"), lit("test").as("source"),
        lit("some text").as("text"),
        when(col("id").lt(errors), lit("gopher:error"))
            .when(col("id").lt(errors + corrupt), lit("corrupt")).as(Rejects.REASON),
        when(col("id").lt(errors), lit("{\"error\":\"java.lang.NullPointerException\"}")).as(Rejects.DETAILS));
  }

  private static StageWriter.Target target(RunDir run) {
    return StageWriter.Target.of(run, "clean", 1).errorBudget(new ErrorBudgetConfig());
  }

  @Test
  void twoErrorsInAThousandFailTheStageNamingStepCountAndIds() throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir("budget-over").resolve("run").toString());

    ErrorBudget.Exceeded e = assertThrows(ErrorBudget.Exceeded.class,
        () -> StageWriter.write(records(1000, 2, 0), target(run)));

    assertTrue(e.getMessage().contains("{gopher:error=2}"), e.getMessage());
    assertTrue(e.getMessage().contains("doc-0, doc-1"), e.getMessage());
    assertTrue(e.getMessage().contains("errorBudget.maxFraction"), e.getMessage());
    assertFalse(run.isComplete("clean", CONF), "a stage over its budget is not complete");
    assertEquals(2L, StageCounts.read(run.counts("clean"), CONF).total.rejectedByReason.get("gopher:error"),
        "its counts and rejects are written, to look into");
  }

  @Test
  void oneErrorInAThousandIsWithinTheBudget() throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir("budget-under").resolve("run").toString());

    StageCounts counts = StageWriter.write(records(1000, 1, 0), target(run));

    assertTrue(run.isComplete("clean", CONF));
    assertEquals(1L, counts.total.rejectedByReason.get("gopher:error"));
  }

  @Test
  void anyErrorFailsASmallInputButDamageNeverDoes() throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir("budget-small").resolve("run").toString());

    ErrorBudget.Exceeded e = assertThrows(ErrorBudget.Exceeded.class,
        () -> StageWriter.write(records(999, 1, 0), target(run)));
    assertTrue(e.getMessage().contains("errorBudget.minRecords"), e.getMessage());

    StageWriter.write(records(999, 0, 500), target(run));
    assertTrue(run.isComplete("clean", CONF), "500 corrupt records are data, counted, not a failure");
  }

  @Test
  void theBudgetIsConfigurable() {
    ErrorBudgetConfig lenient = new ErrorBudgetConfig();
    lenient.maxFraction = 0.01;
    lenient.minRecords = 10;
    assertFalse(ErrorBudget.exceeded(10, 1000, lenient));
    assertTrue(ErrorBudget.exceeded(11, 1000, lenient));
    assertTrue(ErrorBudget.exceeded(1, 9, lenient));
    assertFalse(ErrorBudget.exceeded(0, 9, lenient));
  }
}
