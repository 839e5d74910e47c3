package dev.corpusforge.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.QualityConfig;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageInput;
import dev.corpusforge.stage.StageWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The learned quality filter, between clean and dedup: scores every cleaned document with {@code quality.model}, stores
 * the score as {@code metadata.quality_score} (so it stays with the document through every later stage, rejects and
 * {@code export} included), and rejects documents of {@code quality.filterSources} that fail the keep rule as
 * {@code quality:low-score}, with the score and the rule's values in the details. With {@code quality.annotateOnly}
 * nothing is dropped and the would-be verdict is a column.
 */
public final class QualityStage implements Stage {
  public static final String NAME = "quality";
  public static final String REASON = "quality:low-score";

  private final boolean annotateOnly;

  public QualityStage() {
    this(false);
  }

  /** {@code annotateOnly} forces annotation whatever the config says ({@code quality --annotate-only}). */
  public QualityStage(boolean annotateOnly) {
    this.annotateOnly = annotateOnly;
  }

  @Override public String name() { return NAME; }

  @Override public boolean configured(PipelineConfig config) {
    return !config.quality.model.isBlank();
  }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    StageInput input = StageInput.open(spark, run, NAME, List.of(CleanStage.NAME), config);
    QualityConfig q = config.quality;
    if (q.model.isBlank()) {
      throw new IllegalArgumentException("quality.model is not set: give a PipelineModel folder, fasttext:PATH, or "
          + "train (see `bin/corpusforge train-quality --help`)");
    }
    QualityScores.validate(q);
    String model = QualityConfig.TRAIN.equals(q.model) ? QualityTraining.run(spark, run, config).toString() : q.model;
    Dataset<Row> scored = QualityScores.add(input.documents(spark), model, q.label);

    Column score = col(QualityScores.SCORE);
    Column applies = q.filterSources.isEmpty() ? lit(true) : col("source").isin(q.filterSources.toArray());
    Column fails = applies.and(not(QualityKeepRule.keep(q, score)));
    Column details = QualityConfig.KEEP_THRESHOLD.equals(q.keep)
        ? to_json(struct(score.as("quality_score"), lit(q.threshold).as("threshold")))
        : to_json(struct(score.as("quality_score"), QualityKeepRule.draw(q).as("pareto_draw"), lit(q.paretoAlpha).as("alpha")));
    Column reason = when(fails, lit(REASON));

    List<Column> columns = new ArrayList<>();
    for (String field : Documents.SCHEMA.fieldNames()) {
      columns.add(field.equals("metadata") ? withScore(score).as("metadata") : col(field));
    }
    if (annotateOnly || q.annotateOnly) {
      columns.add(reason.as(CleanStage.WOULD_REJECT));
      columns.add(Rejects.kept().as(Rejects.REASON));
      columns.add(Rejects.kept().as(Rejects.DETAILS));
    } else {
      columns.add(reason.as(Rejects.REASON));
      columns.add(when(fails, details).as(Rejects.DETAILS));
    }
    Dataset<Row> records = scored.select(columns.toArray(new Column[0]));
    return StageWriter.write(records, StageWriter.Target.of(run, NAME, input.outputFiles(config))
        .expectReads(input.keptBySource()).startedAt(start));
  }

  /** The document's metadata with {@code quality_score} set (replacing any earlier one). */
  private static Column withScore(Column score) {
    Column others = map_filter(col("metadata"), (k, v) -> k.notEqual(lit(QualityScores.SCORE)));
    Column own = map(lit(QualityScores.SCORE), score.cast("string"));
    return when(col("metadata").isNull(), own).otherwise(map_concat(others, own));
  }
}
