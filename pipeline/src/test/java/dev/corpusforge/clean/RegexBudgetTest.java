package dev.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.RegexAdversaries;
import dev.corpusforge.testing.SparkTests;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The per-scan regex work cap (clean.limits) and the linearity of every regex clean runs on document text. */
class RegexBudgetTest {
  private static final CleanConfig CONFIG = new CleanConfig();

  @Test
  void catastrophicBacktrackingIsStoppedAtTheBudget() {
    // (.*a){12}b backtracks polynomially (about n^12 steps; java.util.regex does not memoize a counted group):
    // 22 characters already take 38 million reads unmetered. Metered, it stops at floor + perChar x 41 reads.
    CharSequence text = CleanDoc.of("", null).meter("a".repeat(40) + "!", "test.nested");
    RegexBudget.Exceeded e = assertThrows(RegexBudget.Exceeded.class,
        () -> Pattern.compile("(.*a){12}b").matcher(text).find());
    assertEquals("test.nested", e.rule);
    assertEquals(new RegexBudget(new CleanConfig.Limits()).budget(41), e.budget);
  }

  @Test
  void everyCleanRegexStaysLinearOnTextBuiltAgainstIt() {
    // Within the default work per character at 10,000 and at 200,000 characters: a pattern that backtracked
    // quadratically would need 20 times more per character at the larger size and run out.
    CleanConfig.Limits noFloor = new CleanConfig.Limits();
    noFloor.regexWorkFloor = 0;
    for (RegexAdversaries.Adversary a : RegexAdversaries.ALL) {
      CleanStep step = CleanSteps.create(a.rule().substring(0, a.rule().indexOf('.')), CONFIG, List.of());
      for (int chars : new int[] {10_000, 200_000}) {
        CleanDoc doc = CleanDoc.of(a.of(chars), "x.py", noFloor);
        try {
          step.apply(doc);
        } catch (RegexBudget.Exceeded e) {
          throw new AssertionError(a.rule() + " on " + chars + " chars of \"" + a.of(20) + "\": " + e.getMessage());
        }
      }
    }
  }

  @Test
  void aDocumentOverTheBudgetIsRejectedNamingStepAndRuleAndTheNextOneIsCleaned() {
    CleanConfig config = new CleanConfig();
    config.limits.regexWorkPerChar = 64;
    config.limits.regexWorkFloor = 0;
    DocumentCleaner cleaner = new DocumentCleaner(config, List.of());

    // Lines of "-p": every position starts an attempt of the secrets assignment pattern, each tries 40 name lengths.
    CleanRecord hostile = cleaner.clean(code("hostile", ("-p".repeat(40) + "\n").repeat(1250)));
    CleanRecord normal = cleaner.clean(code("normal", "import os\n\npassword = \"hunter22\"\nprint(os.getcwd())\n"));

    assertEquals(DocumentCleaner.REGEX_BUDGET, hostile.getRejectReason());
    assertTrue(hostile.getRejectDetails().startsWith("{\"step\":\"secrets\",\"rule\":\"secrets.assignment\",\"chars\":"),
        hostile.getRejectDetails());
    assertNull(normal.getRejectReason(), normal.getRejectDetails());
    assertTrue(normal.getDoc().getText().contains("password = \"<SECRET>\""), normal.getDoc().getText());
  }

  @Test
  void theStageCountsAndStoresTheRejectAndKeepsTheRest() throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir("regex-budget").resolve("run").toString());
    String ingest = run.stage("ingest") + "/code";
    SparkTests.spark().createDataset(List.of(code("hostile", ("-p".repeat(40) + "\n").repeat(1250)),
        code("normal", "import os\n\npassword = \"hunter22\"\nprint(os.getcwd())\n")), Documents.ENCODER)
        .write().parquet(ingest);
    StageWriter.writeMarker(new org.apache.hadoop.fs.Path(ingest, RunDir.COMPLETE),
        SparkTests.spark().sparkContext().hadoopConfiguration());
    PipelineConfig config = SparkTests.defaults();
    config.clean.limits.regexWorkPerChar = 64;

    StageCounts counts = new CleanStage().run(SparkTests.spark(), run, config);

    assertEquals(Map.of(DocumentCleaner.REGEX_BUDGET, 1L), counts.groups.get("code").rejectedByReason);
    assertEquals(1, counts.groups.get("code").kept);
    Row reject = SparkTests.spark().read().parquet(run.rejects("clean").toString()).first();
    assertEquals(DocumentCleaner.REGEX_BUDGET, reject.getAs("reject_reason"));
    assertTrue(reject.<String>getAs("reject_details").contains("\"rule\":\"secrets.assignment\""));
  }

  private static Document code(String key, String text) {
    return new Document(Documents.stableId("code", key), "code", "repo/" + key + ".py", null, text, new Provenance("in/code", 0, key));
  }
}
