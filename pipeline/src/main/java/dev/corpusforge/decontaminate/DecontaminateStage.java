package dev.corpusforge.decontaminate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import dev.corpusforge.config.DecontaminateConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.stage.Rejects;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageInput;
import dev.corpusforge.stage.StageWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Benchmark decontamination, after dedup and before tokenize: reads the latest complete of dedup, quality and clean,
 * finds the documents sharing an n-gram with an item of {@code decontaminate.evalSets}, and drops them or cuts the
 * matching spans ({@link Contamination}). The eval n-grams are hashed and broadcast when there are at most
 * {@code broadcastLimit}, else joined with every document's n-grams. Cut documents keep their record in
 * {@code metadata.decontaminated}; rejects have it in their details.
 */
public final class DecontaminateStage implements Stage {
  public static final String NAME = "decontaminate";
  public static final String METADATA = "decontaminated";
  static final String CUT_DOCUMENTS = "decontaminate_cut_documents";
  static final String CUT_CHARS = "decontaminate_cut_chars";
  static final List<String> INPUTS = List.of("dedup", "quality", "clean");
  private static final StructType MATCH = new StructType()
      .add("start", DataTypes.IntegerType, false).add("end", DataTypes.IntegerType, false)
      .add("eval_set", DataTypes.StringType, false).add("item", DataTypes.StringType, false);

  @Override public String name() { return NAME; }

  @Override public boolean configured(PipelineConfig config) {
    return !config.decontaminate.evalSets.isEmpty();
  }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    DecontaminateConfig c = config.decontaminate;
    validate(c);
    StageInput input = StageInput.open(spark, run, NAME, INPUTS, config);
    System.err.println("[corpusforge] decontaminate: reading " + input.stage + ", eval sets " + c.evalSets);
    Dataset<Row> docs = input.documents(spark);
    Dataset<Row> eval = EvalNgrams.read(spark, c).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long ngrams = eval.count();
      Dataset<Row> decided;
      if (ngrams <= c.broadcastLimit) {
        EvalIndex index = EvalIndex.of(eval.orderBy("hash").toLocalIterator(), (int) ngrams);
        Broadcast<EvalIndex> shared = spark.sparkContext().broadcast(index, scala.reflect.ClassTag$.MODULE$.apply(EvalIndex.class));
        decided = docs.mapPartitions(broadcastLookup(shared, c), Encoders.row(outputSchema()));
      } else {
        decided = joined(docs, eval, c);
      }
      return StageWriter.write(decided, StageWriter.Target.of(run, NAME, input.outputFiles(config))
          .counters(CUT_DOCUMENTS, CUT_CHARS).expectReads(input.keptBySource()).startedAt(start));
    } finally {
      eval.unpersist();
    }
  }

  static void validate(DecontaminateConfig c) {
    if (!DecontaminateConfig.DROP.equals(c.action) && !DecontaminateConfig.CUT.equals(c.action)) {
      throw new IllegalArgumentException("decontaminate.action: '" + c.action + "'; use drop or cut");
    }
    if (c.n < 1) throw new IllegalArgumentException("decontaminate.n must be ≥ 1, got " + c.n);
    if (c.evalSets.isEmpty()) {
      throw new IllegalArgumentException("decontaminate.evalSets is empty: list JSONL or Parquet evaluation files");
    }
  }

  private static StructType outputSchema() {
    return Documents.SCHEMA
        .add(Rejects.REASON, DataTypes.StringType, true)
        .add(Rejects.DETAILS, DataTypes.StringType, true)
        .add(CUT_DOCUMENTS, DataTypes.LongType, false)
        .add(CUT_CHARS, DataTypes.LongType, false);
  }

  private static MapPartitionsFunction<Row, Row> broadcastLookup(Broadcast<EvalIndex> shared, DecontaminateConfig c) {
    int text = Documents.SCHEMA.fieldIndex("text");
    return rows -> {
      EvalIndex index = shared.value();
      NormalizedWords words = new NormalizedWords();
      return new Iterator<>() {
        @Override public boolean hasNext() { return rows.hasNext(); }

        @Override public Row next() {
          Row r = rows.next();
          List<Contamination.Match> matches = r.isNullAt(text) ? List.of() : index.matches(r.getString(text), words);
          return apply(r, matches, c);
        }
      };
    };
  }

  /** Beyond the broadcast limit: every document n-gram of the eval lengths joined with the eval n-grams by hash. */
  private static Dataset<Row> joined(Dataset<Row> docs, Dataset<Row> eval, DecontaminateConfig c) {
    int[] lengths = eval.select("length").distinct().orderBy(col("length").desc()).collectAsList().stream()
        .mapToInt(r -> r.getInt(0)).toArray();
    StructType ngramSchema = new StructType().add("doc_id", DataTypes.StringType, false)
        .add("hash", DataTypes.LongType, false).add("start", DataTypes.IntegerType, false).add("end", DataTypes.IntegerType, false);
    FlatMapFunction<Row, Row> explode = r -> {
      List<Row> out = new ArrayList<>();
      if (r.isNullAt(1)) return out.iterator();
      NormalizedWords w = new NormalizedWords().of(r.getString(1));
      for (int len : lengths) {
        for (int i = 0; i + len <= w.size; i++) out.add(RowFactory.create(r.getString(0), w.window(i, len), w.starts[i], w.ends[i + len - 1]));
      }
      return out.iterator();
    };
    Dataset<Row> matches = docs.select("id", "text").flatMap(explode, Encoders.row(ngramSchema))
        .join(eval, "hash")
        .groupBy("doc_id")
        .agg(collect_list(struct(col("start"), col("end"), col("eval_set"), col("item"))).as("matches"));
    Dataset<Row> withMatches = docs.join(matches, docs.col("id").equalTo(matches.col("doc_id")), "left_outer").drop("doc_id");
    int width = Documents.SCHEMA.size();
    MapPartitionsFunction<Row, Row> f = rows -> new Iterator<>() {
      @Override public boolean hasNext() { return rows.hasNext(); }

      @Override public Row next() {
        Row r = rows.next();
        List<Contamination.Match> list = new ArrayList<>();
        if (!r.isNullAt(width)) {
          for (Row m : r.<Row>getList(width)) list.add(new Contamination.Match(m.getInt(0), m.getInt(1), m.getString(2), m.getString(3)));
        }
        return apply(r, list, c);
      }
    };
    return withMatches.mapPartitions(f, Encoders.row(outputSchema()));
  }

  /** The document row with its verdict: new text and metadata when cut, reason and record when rejected. */
  private static Row apply(Row r, List<Contamination.Match> matches, DecontaminateConfig c) {
    int width = Documents.SCHEMA.size();
    int textField = Documents.SCHEMA.fieldIndex("text");
    int metadataField = Documents.SCHEMA.fieldIndex("metadata");
    Object[] values = new Object[width + 4];
    for (int i = 0; i < width; i++) values[i] = r.get(i);
    values[width + 2] = 0L;
    values[width + 3] = 0L;
    if (!matches.isEmpty()) {
      Contamination.Verdict v = Contamination.decide(r.getString(textField), matches, c);
      if (v.reason != null) {
        values[width] = v.reason;
        values[width + 1] = v.record;
      } else {
        values[textField] = v.text;
        Map<String, String> metadata = new TreeMap<>();
        if (!r.isNullAt(metadataField)) metadata.putAll(r.getJavaMap(metadataField));
        metadata.put(METADATA, v.record);
        values[metadataField] = scala.collection.JavaConverters.mapAsScalaMap(metadata);
        values[width + 2] = 1L;
        values[width + 3] = v.cutChars;
      }
    }
    return RowFactory.create(values);
  }
}
