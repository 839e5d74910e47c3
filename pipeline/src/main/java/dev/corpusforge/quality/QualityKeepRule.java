package dev.corpusforge.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import dev.corpusforge.config.QualityConfig;
import org.apache.spark.sql.Column;

/**
 * Which scored documents stay. {@code threshold}: score ≥ {@code quality.threshold}. {@code pareto}, GPT-3's rule:
 * keep when {@code draw > 1 - score} with {@code draw ~ Pareto(α)} as {@code numpy.random.pareto} samples it
 * ({@code (1 - u)^(-1/α) - 1}, u uniform in [0, 1)); u comes from a seeded hash of the document id, so a rerun keeps
 * exactly the same documents whatever the partitioning.
 */
final class QualityKeepRule {
  private QualityKeepRule() {}

  /** The Pareto draw of each document (a column of doubles ≥ 0). */
  static Column draw(QualityConfig q) {
    Column u = shiftrightunsigned(xxhash64(lit(q.seed), col("id")), 11).cast("double").multiply(lit(0x1.0p-53));
    return pow(lit(1.0).minus(u), lit(-1.0 / q.paretoAlpha)).minus(lit(1.0));
  }

  static Column keep(QualityConfig q, Column score) {
    return QualityConfig.KEEP_THRESHOLD.equals(q.keep)
        ? score.geq(lit(q.threshold))
        : draw(q).gt(lit(1.0).minus(score));
  }
}
