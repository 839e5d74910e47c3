package dev.corpusforge.stats;

import static dev.corpusforge.stats.DocumentMeasures.BYTES;
import static dev.corpusforge.stats.DocumentMeasures.CHARS;
import static dev.corpusforge.stats.DocumentMeasures.CODE_LANGUAGE;
import static dev.corpusforge.stats.DocumentMeasures.DOMAIN;
import static dev.corpusforge.stats.DocumentMeasures.LANGUAGE;
import static dev.corpusforge.stats.DocumentMeasures.LANGUAGE_SCORE;
import static dev.corpusforge.stats.DocumentMeasures.ORDER;
import static dev.corpusforge.stats.DocumentMeasures.REASON;
import static dev.corpusforge.stats.DocumentMeasures.SOURCE;
import static dev.corpusforge.stats.DocumentMeasures.STAGE;
import static dev.corpusforge.stats.DocumentMeasures.TOKENS;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every table over the per-document measures (funnel, rejects, length and confidence histograms, languages, top
 * domains and code languages, and the recount of each stage) from one Spark query: one aggregation with a grouping
 * set per table, the top-k cut by a window over its result, collected once. The cells are small by construction
 * (stages x sources x reasons, bins, languages, k); the tables are laid out from them on the driver. One query instead
 * of one per table: at small sizes the planning, code generation and jobs of a dozen queries cost more than the data.
 */
final class MeasureCells {
  /** The key that tells one grouping set's cells from another's; the distribution keys are null for rejects. */
  enum Key {
    REASON("reason"), CHAR_BIN("char_bin"), TOKEN_BIN("token_bin"), LANGUAGE("language_key"),
    CONFIDENCE_BIN("confidence_bin"), DOMAIN("domain_key"), CODE_LANGUAGE("code_language_key");

    final String column;

    Key(String column) {
      this.column = column;
    }
  }

  /** A cell: a stage, a source, the grouping set's key value and the aggregates of its documents. */
  record Cell(String stage, int order, String source, Object key, long documents, long chars, long bytes,
              Long tokens, Double meanConfidence, boolean anyLanguage, Integer rank) {}

  private final Map<Key, List<Cell>> cells = new EnumMap<>(Key.class);

  private MeasureCells() {
    for (Key k : Key.values()) cells.put(k, new ArrayList<>());
  }

  List<Cell> of(Key key) {
    return cells.get(key);
  }

  /** Runs the query; {@code k} is the cut of top_domains and of code_languages. */
  static MeasureCells of(Dataset<Row> measures, int topDomains, int topCodeLanguages) {
    Column kept = col(REASON).isNull();
    Dataset<Row> keyed = measures
        .withColumn(Key.CHAR_BIN.column, when(kept, Distributions.LENGTH.index(col(CHARS))))
        .withColumn(Key.TOKEN_BIN.column, when(kept, Distributions.LENGTH.index(col(TOKENS))))
        .withColumn(Key.LANGUAGE.column, when(kept, coalesce(col(LANGUAGE), lit("und"))))
        .withColumn(Key.CONFIDENCE_BIN.column, when(kept, Distributions.CONFIDENCE.index(col(LANGUAGE_SCORE))))
        .withColumn(Key.DOMAIN.column, when(kept, col(DOMAIN)))
        .withColumn(Key.CODE_LANGUAGE.column, when(kept, col(CODE_LANGUAGE)));
    String view = "stats_measures_" + UUID.randomUUID().toString().replace("-", "");
    keyed.createOrReplaceTempView(view);
    StringBuilder sets = new StringBuilder();
    StringBuilder which = new StringBuilder("CASE");
    for (Key k : Key.values()) {
      sets.append(sets.length() == 0 ? "" : ", ").append("(" + STAGE + ", " + ORDER + ", " + SOURCE + ", " + k.column + ")");
      which.append(" WHEN grouping(" + k.column + ") = 0 THEN '" + k.name() + "'");
    }
    which.append(" END");
    String topKey = "CASE cell WHEN 'DOMAIN' THEN " + Key.DOMAIN.column + " WHEN 'CODE_LANGUAGE' THEN "
        + Key.CODE_LANGUAGE.column + " END";
    String aggregate = "SELECT " + which + " AS cell, " + STAGE + ", " + ORDER + ", " + SOURCE + ", "
        + String.join(", ", Arrays.stream(Key.values()).map(k -> k.column).toList()) + ", "
        + "count(1) AS documents, sum(" + CHARS + ") AS chars, sum(" + BYTES + ") AS bytes, sum(" + TOKENS + ") AS tokens, "
        + "sum(CAST(" + LANGUAGE_SCORE + " AS DECIMAL(38, 18))) AS confidence_sum, count(" + LANGUAGE_SCORE
        + ") AS confidence_count, max(CAST(" + LANGUAGE + " IS NOT NULL AS INT)) AS any_language "
        + "FROM " + view + " GROUP BY GROUPING SETS (" + sets + ")";
    // Ties broken by value, so the top-k cut is deterministic; only the domain and code-language cells are cut.
    String ranked = "SELECT *, row_number() OVER (PARTITION BY cell, " + STAGE + ", " + SOURCE + ", (" + topKey
        + ") IS NULL ORDER BY documents DESC, " + topKey + " ASC) AS rank FROM (" + aggregate + ")";
    String query = "SELECT * FROM (" + ranked + ") WHERE cell NOT IN ('DOMAIN', 'CODE_LANGUAGE') "
        + "OR (cell = 'DOMAIN' AND rank <= " + topDomains + ") OR (cell = 'CODE_LANGUAGE' AND rank <= " + topCodeLanguages + ")";
    List<Row> rows;
    try {
      rows = measures.sparkSession().sql(query).collectAsList();
    } finally {
      measures.sparkSession().catalog().dropTempView(view);
    }
    MeasureCells out = new MeasureCells();
    for (Row r : rows) {
      Key k = Key.valueOf(r.getAs("cell"));
      boolean topCut = k == Key.DOMAIN || k == Key.CODE_LANGUAGE;
      Object anyLanguage = r.getAs("any_language");
      out.cells.get(k).add(new Cell(r.getAs(STAGE), r.<Integer>getAs(ORDER), r.getAs(SOURCE), r.getAs(k.column),
          r.<Long>getAs("documents"), r.<Long>getAs("chars"), r.<Long>getAs("bytes"), r.getAs("tokens"),
          mean(r.getAs("confidence_sum"), r.<Long>getAs("confidence_count")), anyLanguage != null && ((Integer) anyLanguage) == 1,
          topCut ? r.<Integer>getAs("rank") : null));
    }
    return out;
  }

  /**
   * The mean of the confidences from their exact decimal sum: a sum of doubles would depend on the order Spark
   * merges partial sums in (the last digits changed between runs on different partitionings).
   */
  private static Double mean(BigDecimal sum, long count) {
    return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
  }
}
