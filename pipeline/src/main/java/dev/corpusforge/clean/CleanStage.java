package dev.corpusforge.clean;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.stage.PartInputs;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageInput;
import dev.corpusforge.stage.StageWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The clean stage: reads every source's ingest output, runs that source's step list (normalization, language ID,
 * Gopher, C4, FineWeb or code rules, PII) on each document inside the partitions (map-only: ingest part i becomes
 * clean part i, in its order), and writes kept documents to
 * {@code DIR/clean/}, rejects with their reason and signal values to {@code DIR/clean/_rejects/}, and counts by source
 * with PII replacement counters to {@code DIR/clean/_counts.json}. With {@code clean.annotateOnly} every signal
 * becomes a column and nothing is dropped.
 */
public final class CleanStage implements Stage {
  public static final String NAME = "clean";
  public static final String WOULD_REJECT = "would_reject_reason";

  @Override public String name() { return NAME; }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    StageInput input = StageInput.open(spark, run, NAME, List.of("ingest"), config);
    CleanConfig clean = config.clean;
    CleanSteps.validate(clean);
    List<String> badWords = badWords(clean.c4, conf);
    // Map-only: ingest part i becomes clean part i, so an interrupted clean redoes only its unfinished parts.
    PartInputs parts = input.parts(List.of(clean, badWords));
    StageWriter.Target target = StageWriter.Target.of(run, NAME, parts.size())
        .counters(CleanSteps.COUNTERS.toArray(new String[0]))
        .expectReads(input.keptBySource())
        .errorBudget(config.errorBudget);
    return StageWriter.writeByPart(parts,
        redo -> records(parts.read(spark, Documents.SCHEMA, redo).as(Documents.ENCODER), clean, badWords), target);
  }

  /** Each document cleaned by one cleaner per partition, as the document columns, counters and verdict. */
  private static Dataset<Row> records(Dataset<Document> docs, CleanConfig clean, List<String> badWords) {
    List<String> signals = clean.annotateOnly ? CleanSteps.signalColumns(clean) : List.of();
    Dataset<CleanRecord> cleaned = docs.mapPartitions(partition(clean, badWords), Encoders.bean(CleanRecord.class));
    List<Column> columns = new ArrayList<>();
    columns.add(col("doc.*"));
    for (String counter : CleanSteps.COUNTERS) columns.add(coalesce(col("counters").getItem(counter), lit(0L)).as(counter));
    if (clean.annotateOnly) {
      for (String s : signals) columns.add(col("signals").getItem(s).as(s));
      columns.add(col("rejectReason").as(WOULD_REJECT));
      columns.add(Rejects.kept().as(Rejects.REASON));
      columns.add(Rejects.kept().as(Rejects.DETAILS));
    } else {
      columns.add(col("rejectReason").as(Rejects.REASON));
      columns.add(col("rejectDetails").as(Rejects.DETAILS));
    }
    return cleaned.select(columns.toArray(new Column[0]));
  }

  private static MapPartitionsFunction<Document, CleanRecord> partition(CleanConfig clean, List<String> badWords) {
    return docs -> {
      DocumentCleaner cleaner = new DocumentCleaner(clean, badWords);
      return new java.util.Iterator<CleanRecord>() {
        @Override public boolean hasNext() { return docs.hasNext(); }
        @Override public CleanRecord next() { return cleaner.clean(docs.next()); }
      };
    };
  }

  /** The configured bad words plus those of {@code badWordsFile} (any Hadoop path, one entry per line), read once. */
  static List<String> badWords(CleanConfig.C4 c, Configuration conf) throws IOException {
    List<String> words = new ArrayList<>();
    for (String w : c.badWords) if (!w.isBlank()) words.add(w.strip());
    if (c.badWordsFile != null && !c.badWordsFile.isBlank()) {
      Path path = new Path(c.badWordsFile);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) if (!line.isBlank()) words.add(line.strip());
      } catch (java.io.FileNotFoundException e) {
        throw new IllegalArgumentException("clean.c4.badWordsFile: " + path + " does not exist; give a file with one "
            + "word or phrase per line, or unset the key", e);
      }
    }
    return words;
  }
}
