package dev.corpusforge.tokenize;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.TokenizeConfig;
import dev.corpusforge.stage.Json;
import dev.corpusforge.stage.PartInputs;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageInput;
import dev.corpusforge.stage.StageWriter;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Encodes every document's text into token ids, map-only (input part i becomes tokenize part i, in its order):
 * DIR/tokenize/ holds the documents with two more columns,
 * {@code tokens} (array&lt;int&gt;, without end-of-text: the shard stage adds it) and {@code token_count}. Text is
 * ordinary text: {@code <|endoftext|>} written in a document is encoded as characters unless
 * {@code tokenize.allowSpecialTokens}. Reads the first stage of {@code tokenize.inputStages} (decontaminate, dedup,
 * quality, clean, ingest) whose output is complete. A document whose text
 * encodes to no token is rejected as {@code tokenize:empty}. With {@code tokenize.tokenizer: train} it first trains
 * the run's own BPE on those documents ({@link TokenizerTraining}) and encodes with it.
 */
public final class TokenizeStage implements Stage {
  public static final String NAME = "tokenize";
  public static final String TOKENS = "tokens";
  public static final String TOKEN_COUNT = "token_count";
  private static final String COUNTER = "tokens_total";

  @Override public String name() { return NAME; }

  /** The stage this run tokenizes: the first of the configured input stages whose output is complete. */
  public static String inputStage(RunDir run, PipelineConfig config, Configuration conf) throws IOException {
    for (String stage : config.tokenize.inputStages) {
      if (run.isComplete(stage, conf) || ("ingest".equals(stage) && hasAny(run, stage, conf))) return stage;
    }
    throw new IllegalStateException("none of the stages " + config.tokenize.inputStages + " has complete output in "
        + run.root() + "; run `bin/corpusforge run` or the missing stage first");
  }

  private static boolean hasAny(RunDir run, String stage, Configuration conf) {
    try {
      return !run.documentPaths(stage, conf).isEmpty();
    } catch (IllegalStateException | IOException e) {
      return false;
    }
  }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    StageInput input = StageInput.open(spark, run, NAME, List.of(inputStage(run, config, conf)), config);
    System.err.println("[corpusforge] tokenize: reading " + input.stage + " (" + String.join(", ", input.paths) + ")");
    // a tokenizer trained here is named by its configured output path, so the record does not depend on where the
    // run directory is
    Tokenizers.Spec spec = TokenizeConfig.TRAIN.equals(config.tokenize.tokenizer)
        ? Tokenizers.file(config.tokenize.train.output, TokenizerTraining.run(spark, run, config), conf)
        : Tokenizers.spec(config.tokenize.tokenizer, conf);
    TokenizedWith with = TokenizedWith.of(spec.model(), config.tokenize.endOfText, config.tokenize.allowSpecialTokens);
    // Map-only: input part i becomes tokenize part i, so an interrupted tokenize redoes only its unfinished parts.
    PartInputs parts = input.parts(with);
    StageCounts counts = StageWriter.writeByPart(parts,
        redo -> encode(parts.read(spark, null, redo), spec, config.tokenize.allowSpecialTokens),
        StageWriter.Target.of(run, NAME, parts.size()).counters(COUNTER).expectReads(input.keptBySource()).startedAt(start));
    with.write(run, conf);
    if (spec.json != null) TokenizedWith.keepTokenizerJson(run, spec.json, conf);
    return counts;
  }

  /**
   * The documents with their tokens and the verdict columns, encoded by one encoder per partition; special-token
   * strings in the text are ordinary text unless {@code allowSpecialTokens}.
   */
  static Dataset<Row> encode(Dataset<Row> docs, Tokenizers.Spec spec, boolean allowSpecialTokens) {
    StructType schema = docs.schema()
        .add(TOKENS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        .add(TOKEN_COUNT, DataTypes.IntegerType, false)
        .add(COUNTER, DataTypes.LongType, false)
        .add(Rejects.REASON, DataTypes.StringType, true)
        .add(Rejects.DETAILS, DataTypes.StringType, true);
    int textField = docs.schema().fieldIndex("text");
    int width = docs.schema().size();
    MapPartitionsFunction<Row, Row> f = rows -> {
      BpeEncoder encoder = spec.model().newEncoder(allowSpecialTokens);
      TokenBuffer buf = new TokenBuffer();
      return new Iterator<>() {
        @Override public boolean hasNext() { return rows.hasNext(); }

        @Override public Row next() {
          Row r = rows.next();
          String text = r.isNullAt(textField) ? "" : r.getString(textField);
          buf.clear();
          encoder.encode(text, buf);
          int[] tokens = buf.toArray();
          Object[] values = new Object[width + 5];
          for (int i = 0; i < width; i++) values[i] = r.get(i);
          values[width] = tokens;
          values[width + 1] = tokens.length;
          values[width + 2] = (long) tokens.length;
          values[width + 3] = tokens.length == 0 ? "tokenize:empty" : null;
          values[width + 4] = tokens.length == 0 ? Json.object("chars", text.length()) : null;
          return RowFactory.create(values);
        }
      };
    };
    return docs.mapPartitions(f, Encoders.row(schema));
  }
}
