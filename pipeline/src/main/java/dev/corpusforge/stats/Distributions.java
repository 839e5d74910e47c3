package dev.corpusforge.stats;

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
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/** Distributions over the kept documents of every stage, by stage and source: all exact Spark aggregates. */
final class Distributions {
  /** Characters and tokens per document: 0, 1, 2, 5, 10 ... 100M. */
  static final FixedBins LENGTH = FixedBins.oneTwoFive(1e8);
  /** Language-ID confidence in [0, 1], in steps of 0.05. */
  static final FixedBins CONFIDENCE = FixedBins.linear(0, 1, 20);

  private Distributions() {}

  private static Dataset<Row> kept(Dataset<Row> measures) {
    return measures.filter(col(REASON).isNull());
  }

  /** Documents per length bin, in characters for every stage and in tokens where a stage has them. */
  static StatsTable lengthHistogram(Dataset<Row> measures) {
    Dataset<Row> chars = histogram(kept(measures), col(CHARS), LENGTH).withColumn("unit", lit("chars"));
    Dataset<Row> tokens = histogram(kept(measures).filter(col(TOKENS).isNotNull()), col(TOKENS), LENGTH)
        .withColumn("unit", lit("tokens"));
    Dataset<Row> all = chars.unionByName(tokens)
        .select(STAGE, ORDER, SOURCE, "unit", "bin", "bin_lo", "bin_hi", "documents");
    return new StatsTable("length_histogram", all, ORDER, SOURCE, "unit", "bin");
  }

  /** Documents per language (null: "und"), with characters and mean confidence; only stages that set a language. */
  static StatsTable languages(Dataset<Row> measures) {
    Dataset<Row> withLanguage = kept(measures).groupBy(STAGE).agg(max(col(LANGUAGE).isNotNull().cast("int")).as("any"))
        .filter(col("any").equalTo(1)).select(STAGE);
    Dataset<Row> t = kept(measures).join(withLanguage, STAGE)
        .groupBy(col(STAGE), col(ORDER), col(SOURCE), coalesce(col(LANGUAGE), lit("und")).as(LANGUAGE))
        .agg(count(lit(1)).as("documents"), sum(CHARS).as("chars"), avg(LANGUAGE_SCORE).as("mean_confidence"));
    return new StatsTable("language", t, ORDER, SOURCE, LANGUAGE);
  }

  /** Documents per language-ID confidence bin. */
  static StatsTable confidence(Dataset<Row> measures) {
    Dataset<Row> t = histogram(kept(measures).filter(col(LANGUAGE_SCORE).isNotNull()), col(LANGUAGE_SCORE), CONFIDENCE);
    return new StatsTable("language_confidence", t, ORDER, SOURCE, "bin");
  }

  static StatsTable topDomains(Dataset<Row> measures, int k) {
    return new StatsTable("top_domains", top(kept(measures).filter(col(DOMAIN).isNotNull()), DOMAIN, k), ORDER, SOURCE, "rank");
  }

  static StatsTable codeLanguages(Dataset<Row> measures, int k) {
    return new StatsTable("code_languages", top(kept(measures).filter(col(CODE_LANGUAGE).isNotNull()), CODE_LANGUAGE, k),
        ORDER, SOURCE, "rank");
  }

  /** The k values with most documents per stage and source; ties broken by value, so the cut is deterministic. */
  private static Dataset<Row> top(Dataset<Row> docs, String key, int k) {
    Dataset<Row> counted = docs.groupBy(STAGE, ORDER, SOURCE, key)
        .agg(count(lit(1)).as("documents"), sum(CHARS).as("chars"));
    return counted.withColumn("rank", row_number().over(Window.partitionBy(STAGE, SOURCE)
            .orderBy(col("documents").desc(), col(key).asc())))
        .filter(col("rank").leq(k))
        .select(STAGE, ORDER, SOURCE, "rank", key, "documents", "chars");
  }

  /** Documents per bin of {@code value} by stage and source, with each bin's edges. */
  static Dataset<Row> histogram(Dataset<Row> docs, Column value, FixedBins bins) {
    Column lo = array(Arrays.stream(bins.edges).mapToObj(e -> lit(e)).toArray(Column[]::new));
    Column hi = array(java.util.stream.IntStream.range(0, bins.edges.length)
        .mapToObj(i -> lit(bins.hi(i)).cast(DataTypes.DoubleType)).toArray(Column[]::new));
    return docs.withColumn("bin", bins.index(value)).filter(col("bin").geq(0))
        .groupBy(STAGE, ORDER, SOURCE, "bin").agg(count(lit(1)).as("documents"))
        .select(col(STAGE), col(ORDER), col(SOURCE), col("bin"),
            element_at(lo, col("bin").plus(1)).as("bin_lo"), element_at(hi, col("bin").plus(1)).as("bin_hi"),
            col("documents"));
  }
}
