package dev.corpusforge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.testing.SparkTests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards extraction quality on the gold dev pages (measured 0.988 mean F1 with ExtractionF1Bench, 2026-12-07). */
class ExtractionF1Test {
  /** A little under the measured mean, so that a real regression fails and noise does not. */
  private static final double MEAN_F1_FLOOR = 0.97;

  @Test
  void meanTokenF1OnTheDevPagesStaysAboveTheFloor() throws Exception {
    List<ExtractionEvaluation.PageScore> scores = ExtractionEvaluation.evaluate(
        ExtractionEvaluation.warc(SparkTests.corpusSamples()), ExtractionEvaluation.gold(SparkTests.corpusSamples()));
    assertEquals(65, scores.size());
    double meanF1 = ExtractionEvaluation.mean(scores, s -> s.f1);
    assertTrue(meanF1 >= MEAN_F1_FLOOR, "mean F1 " + meanF1 + " below " + MEAN_F1_FLOOR);
  }

  @Test
  void tokenOverlapCountsRepeatsAndIgnoresCaseAndPunctuation() {
    ExtractionEvaluation.PageScore s = ExtractionEvaluation.score("u", "The cat, the CAT!", "the cat sat");
    assertEquals(2.0 / 4, s.precision, 1e-9);
    assertEquals(2.0 / 3, s.recall, 1e-9);
    assertEquals(0, ExtractionEvaluation.score("u", "", "gold words").f1);
  }
}
