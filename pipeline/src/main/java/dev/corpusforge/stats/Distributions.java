package dev.corpusforge.stats;

import static dev.corpusforge.stats.DocumentMeasures.CODE_LANGUAGE;
import static dev.corpusforge.stats.DocumentMeasures.DOMAIN;
import static dev.corpusforge.stats.DocumentMeasures.LANGUAGE;
import static dev.corpusforge.stats.DocumentMeasures.ORDER;
import static dev.corpusforge.stats.DocumentMeasures.SOURCE;
import static dev.corpusforge.stats.DocumentMeasures.STAGE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Distributions over the kept documents of every stage, by stage and source: all exact aggregates. */
final class Distributions {
  /** Characters and tokens per document: 0, 1, 2, 5, 10 ... 100M. */
  static final FixedBins LENGTH = FixedBins.oneTwoFive(1e8);
  /** Language-ID confidence in [0, 1], in steps of 0.05. */
  static final FixedBins CONFIDENCE = FixedBins.linear(0, 1, 20);

  // Nullable as Spark typed the aggregates these tables were first computed with, so their Parquet files are unchanged.
  static final StructType LENGTHS = keys().add("unit", DataTypes.StringType, false).add("bin", DataTypes.IntegerType)
      .add("bin_lo", DataTypes.DoubleType).add("bin_hi", DataTypes.DoubleType).add("documents", DataTypes.LongType, false);
  static final StructType LANGUAGES = keys().add(LANGUAGE, DataTypes.StringType, false)
      .add("documents", DataTypes.LongType, false).add("chars", DataTypes.LongType)
      .add("mean_confidence", DataTypes.DoubleType);
  static final StructType CONFIDENCES = keys().add("bin", DataTypes.IntegerType).add("bin_lo", DataTypes.DoubleType)
      .add("bin_hi", DataTypes.DoubleType).add("documents", DataTypes.LongType, false);

  private Distributions() {}

  private static StructType keys() {
    return new StructType().add(STAGE, DataTypes.StringType, false).add(ORDER, DataTypes.IntegerType, false)
        .add(SOURCE, DataTypes.StringType, false);
  }

  /** Documents per length bin, in characters for every stage and in tokens where a stage has them. */
  static StatsTable lengthHistogram(MeasureCells cells) {
    List<Row> rows = new ArrayList<>();
    histogram(cells.of(MeasureCells.Key.CHAR_BIN), LENGTH, "chars", rows);
    histogram(cells.of(MeasureCells.Key.TOKEN_BIN), LENGTH, "tokens", rows);
    return new StatsTable("length_histogram", LENGTHS, rows, ORDER, SOURCE, "unit", "bin");
  }

  /** Documents per language (null: "und"), with characters and mean confidence; only stages that set a language. */
  static StatsTable languages(MeasureCells cells) {
    List<MeasureCells.Cell> kept = cells.of(MeasureCells.Key.LANGUAGE).stream().filter(c -> c.key() != null).toList();
    Set<String> withLanguage = new HashSet<>();
    for (MeasureCells.Cell c : kept) if (c.anyLanguage()) withLanguage.add(c.stage());
    List<Row> rows = new ArrayList<>();
    for (MeasureCells.Cell c : kept) {
      if (withLanguage.contains(c.stage())) {
        rows.add(RowFactory.create(c.stage(), c.order(), c.source(), c.key(), c.documents(), c.chars(), c.meanConfidence()));
      }
    }
    return new StatsTable("language", LANGUAGES, rows, ORDER, SOURCE, LANGUAGE);
  }

  /** Documents per language-ID confidence bin. */
  static StatsTable confidence(MeasureCells cells) {
    List<Row> rows = new ArrayList<>();
    for (MeasureCells.Cell c : cells.of(MeasureCells.Key.CONFIDENCE_BIN)) {
      Integer bin = (Integer) c.key();
      if (bin != null && bin >= 0) {
        rows.add(RowFactory.create(c.stage(), c.order(), c.source(), bin, CONFIDENCE.lo(bin), CONFIDENCE.hi(bin),
            c.documents()));
      }
    }
    return new StatsTable("language_confidence", CONFIDENCES, rows, ORDER, SOURCE, "bin");
  }

  static StatsTable topDomains(MeasureCells cells) {
    return top("top_domains", cells.of(MeasureCells.Key.DOMAIN), DOMAIN);
  }

  static StatsTable codeLanguages(MeasureCells cells) {
    return top("code_languages", cells.of(MeasureCells.Key.CODE_LANGUAGE), CODE_LANGUAGE);
  }

  /** The k values with most documents per stage and source, as {@link MeasureCells} cut them. */
  private static StatsTable top(String name, List<MeasureCells.Cell> cells, String key) {
    StructType schema = keys().add("rank", DataTypes.IntegerType, false).add(key, DataTypes.StringType)
        .add("documents", DataTypes.LongType, false).add("chars", DataTypes.LongType);
    List<Row> rows = new ArrayList<>();
    for (MeasureCells.Cell c : cells) {
      if (c.key() != null) rows.add(RowFactory.create(c.stage(), c.order(), c.source(), c.rank(), c.key(), c.documents(), c.chars()));
    }
    return new StatsTable(name, schema, rows, ORDER, SOURCE, "rank");
  }

  /** Documents per bin by stage and source, with each bin's edges; values below the first edge have no bin. */
  private static void histogram(List<MeasureCells.Cell> cells, FixedBins bins, String unit, List<Row> rows) {
    for (MeasureCells.Cell c : cells) {
      Integer bin = (Integer) c.key();
      if (bin != null && bin >= 0) {
        rows.add(RowFactory.create(c.stage(), c.order(), c.source(), unit, bin, bins.lo(bin), bins.hi(bin), c.documents()));
      }
    }
  }
}
