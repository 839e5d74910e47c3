package dev.corpusforge.shard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.broadcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.ShardConfig;
import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.shards.TokenDType;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageCounts;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.tokenize.TokenizeStage;
import dev.corpusforge.tokenize.TokenizedWith;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SparkSession;

/**
 * Turns the tokenized documents into training shards: DIR/shards/{train,val}/shard-NNNNN.{bin,idx} (Megatron-LM) or
 * .bin (llm.c), and DIR/shards/manifest.json. Documents are joined with the end-of-text token, mixed by source
 * weight, split train/val by hash, shuffled by hash and cut into shards of about {@code shard.shardTokens} tokens
 * ({@link ShardAssignment}); each shard is written by one task from its documents in order. The stage's counts and
 * completion marker are in DIR/shard/ like every stage's: read = documents in, kept = documents written at least
 * once, rejected {@code shard:downsampled} = documents the mixture left out.
 */
public final class ShardStage implements Stage {
  public static final String NAME = "shard";
  public static final String OUTPUT = "shards";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override public String name() { return NAME; }

  @Override public StageCounts run(SparkSession spark, RunDir run, PipelineConfig config) throws IOException {
    long start = System.nanoTime();
    ShardConfig cfg = config.shard;
    if (!ShardManifest.MEGATRON.equals(cfg.format) && !ShardManifest.LLMC.equals(cfg.format)) {
      throw new IllegalArgumentException("shard.format is '" + cfg.format + "'; use megatron or llmc");
    }
    if (cfg.shardTokens <= 0) throw new IllegalArgumentException("shard.shardTokens must be positive: " + cfg.shardTokens);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    StageWriter.clearMarker(run.complete(NAME), conf);
    TokenizedWith with = TokenizedWith.read(run, conf);
    Path out = new Path(run.root(), OUTPUT);
    FileSystem fs = out.getFileSystem(conf);
    fs.delete(out, true);
    fs.mkdirs(out);

    Dataset<Row> docs = spark.read().parquet(run.documentPaths(TokenizeStage.NAME, conf).toArray(new String[0]));
    Dataset<Row> meta = docs.select(col("id"), col("source"), col(TokenizeStage.TOKEN_COUNT).plus(1).as(ShardAssignment.LENGTH));

    // Per source: documents and tokens in (one row per source).
    TreeMap<String, Long> tokensIn = new TreeMap<>();
    TreeMap<String, Long> docsIn = new TreeMap<>();
    for (Row r : meta.groupBy("source").agg(count(lit(1)), sum(ShardAssignment.LENGTH)).collectAsList()) {
      docsIn.put(r.getString(0), r.getLong(1));
      tokensIn.put(r.getString(0), r.getLong(2));
    }
    TreeMap<String, Double> ratios = MixtureWeights.ratios(cfg.weights, tokensIn);
    double valThreshold = ShardAssignment.valThreshold(meta, cfg.seed, cfg.valFraction);
    Dataset<Row> copies = ShardAssignment.copies(meta, ratios, cfg.seed, valThreshold);
    Dataset<Row> assigned = ShardAssignment.shards(spark, copies, cfg.shardTokens);
    try {
      // The plan: one row per shard.
      List<Row> shardRows = assigned.groupBy(ShardAssignment.SPLIT, ShardAssignment.SHARD)
          .agg(count(lit(1)), sum(ShardAssignment.LENGTH))
          .orderBy(col(ShardAssignment.SPLIT), col(ShardAssignment.SHARD)).collectAsList();
      // Shards are numbered densely within their split (a document longer than a shard leaves a gap in the running
      // total's quotient) and globally for the partitioning.
      Map<Integer, long[]> plan = new HashMap<>();
      List<Row> globalOf = new ArrayList<>();
      Map<String, Integer> perSplit = new HashMap<>();
      for (Row r : shardRows) {
        int g = plan.size();
        int dense = perSplit.merge(r.getString(0), 1, Integer::sum) - 1;
        plan.put(g, new long[] {ShardManifest.VAL.equals(r.getString(0)) ? 1 : 0, dense, r.getLong(2), r.getLong(3)});
        globalOf.add(RowFactory.create(r.getString(0), r.getInt(1), g));
      }
      Map<String, ShardManifest.SourceTotals> totals = sourceTotals(assigned, docsIn, tokensIn, cfg, ratios);

      TokenDType dtype = TokenDType.forVocabulary(with.tokenizer.vocabSize);
      ShardFiles files = new ShardFiles(out.toString(), cfg.format, dtype, with.endOfTextId,
          with.specialTokensAllowed, new HadoopConf(conf), plan);
      Dataset<Row> planDf = spark.createDataFrame(globalOf, new StructType()
          .add(ShardAssignment.SPLIT, DataTypes.StringType).add(ShardAssignment.SHARD, DataTypes.IntegerType).add("g", DataTypes.IntegerType));
      List<ShardManifest.Shard> written = plan.isEmpty() ? List.of() : write(assigned, docs, planDf, files, plan.size());

      ShardManifest manifest = new ShardManifest();
      manifest.tokenizer = with.tokenizer;
      manifest.tokenizer.file = with.copyTokenizerJson(run, out, conf);
      manifest.dtype = dtype.numpyName();
      manifest.endOfText = with.endOfTextId;
      manifest.shards = new ArrayList<>(written);
      manifest.sources.putAll(totals);
      manifest.config = new ObjectMapper().valueToTree(cfg);
      manifest.seed = cfg.seed;
      try (OutputStream o = fs.create(new Path(out, ShardManifest.FILE_NAME), true)) {
        manifest.write(o);
      }

      StageCounts counts = counts(totals, manifest);
      counts.checkReads(StageCounts.keptBySource(run, TokenizeStage.NAME, run.documentPaths(TokenizeStage.NAME, conf), conf));
      counts.write(run.counts(NAME), conf);
      StageWriter.writeMarker(run.complete(NAME), conf);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf("[corpusforge] shard: %d shards, %,d train and %,d val tokens in %s, %.1f s%n", written.size(),
          manifest.tokens(ShardManifest.TRAIN), manifest.tokens(ShardManifest.VAL), out, seconds);
      return counts;
    } finally {
      assigned.unpersist();
    }
  }

  /** Joins the plan with the tokens, sends each shard's rows to one task in order, and writes the files there. */
  private static List<ShardManifest.Shard> write(Dataset<Row> assigned, Dataset<Row> docs, Dataset<Row> planDf,
                                                 ShardFiles files, int shards) throws IOException {
    Dataset<Row> plan = broadcast(planDf.withColumnRenamed(ShardAssignment.SPLIT, "p_split")
        .withColumnRenamed(ShardAssignment.SHARD, "p_shard"));
    Dataset<Row> rows = assigned.join(plan, col(ShardAssignment.SPLIT).equalTo(col("p_split"))
            .and(col(ShardAssignment.SHARD).equalTo(col("p_shard"))))
        .join(docs.select(col("id"), col(TokenizeStage.TOKENS)), "id")
        .select(col("g"), col(ShardAssignment.KEY), col("id"), col(ShardAssignment.COPY), col(TokenizeStage.TOKENS))
        .repartitionByRange(shards, col("g"))
        .sortWithinPartitions(col("g"), col(ShardAssignment.KEY), col("id"), col(ShardAssignment.COPY));
    MapPartitionsFunction<Row, String> write = it -> {
      List<String> done = new ArrayList<>();
      ShardFiles.Open open = null;
      int current = -1;
      while (it.hasNext()) {
        Row r = it.next();
        int g = r.getInt(0);
        if (g != current) {
          if (open != null) done.add(JSON.writeValueAsString(open.finish()));
          open = files.open(g);
          current = g;
        }
        open.add(r.getString(2), r.getList(4));
      }
      if (open != null) done.add(JSON.writeValueAsString(open.finish()));
      return done.iterator();
    };
    List<ShardManifest.Shard> written = new ArrayList<>();
    for (String json : rows.mapPartitions(write, Encoders.STRING()).collectAsList()) {
      written.add(JSON.readValue(json, ShardManifest.Shard.class));
    }
    written.sort((a, b) -> a.path.compareTo(b.path));
    return written;
  }

  private static Map<String, ShardManifest.SourceTotals> sourceTotals(Dataset<Row> assigned, Map<String, Long> docsIn,
      Map<String, Long> tokensIn, ShardConfig cfg, TreeMap<String, Double> ratios) {
    TreeMap<String, ShardManifest.SourceTotals> totals = new TreeMap<>();
    TreeMap<String, Double> weights = MixtureWeights.normalised(cfg.weights, tokensIn);
    for (String s : docsIn.keySet()) {
      ShardManifest.SourceTotals t = new ShardManifest.SourceTotals();
      t.weight = weights.get(s);
      t.documentsIn = docsIn.get(s);
      t.tokensIn = tokensIn.get(s);
      totals.put(s, t);
    }
    for (Row r : assigned.groupBy("source", ShardAssignment.SPLIT)
        .agg(count(lit(1)), sum(ShardAssignment.LENGTH), countDistinct(col("id"))).collectAsList()) {
      ShardManifest.SourceTotals t = totals.get(r.getString(0));
      t.documents += r.getLong(2);
      t.tokens += r.getLong(3);
      t.distinctDocuments += r.getLong(4);
      if (ShardManifest.VAL.equals(r.getString(1))) t.valTokens += r.getLong(3); else t.trainTokens += r.getLong(3);
    }
    return totals;
  }

  private static StageCounts counts(Map<String, ShardManifest.SourceTotals> totals, ShardManifest manifest) {
    StageCounts counts = new StageCounts();
    counts.stage = NAME;
    counts.groupBy = "source";
    long repeats = 0;
    for (var e : totals.entrySet()) {
      ShardManifest.SourceTotals t = e.getValue();
      counts.add(e.getKey(), null, t.distinctDocuments, 0);
      if (t.documentsIn > t.distinctDocuments) counts.add(e.getKey(), "shard:downsampled", t.documentsIn - t.distinctDocuments, 0);
      repeats += t.documents - t.distinctDocuments;
    }
    counts.counters.put("shards", (long) manifest.shards.size());
    counts.counters.put("tokens_train", manifest.tokens(ShardManifest.TRAIN));
    counts.counters.put("tokens_val", manifest.tokens(ShardManifest.VAL));
    counts.counters.put("documents_repeated", repeats);
    return counts;
  }
}
