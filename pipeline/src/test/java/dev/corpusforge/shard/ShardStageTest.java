package dev.corpusforge.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.TokenizeConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.shards.TokenShardReader;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.testing.SparkTests;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.corpusforge.tokenize.BpeModel;
import dev.corpusforge.tokenize.TokenizeStage;
import dev.corpusforge.tokenize.TokenizedWith;
import dev.corpusforge.tokenize.TokenizerTraining;
import dev.corpusforge.tokenize.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** tokenize + shard on real sample documents: every document lands once with its end-of-text, deterministically. */
class ShardStageTest {
  private static final int EOT = 50256;

  private static RunDir base;

  /** A run directory with two ingested sources (ingested once per class, then copied). */
  private static synchronized RunDir ingested(String name) throws IOException {
    if (base == null) base = ingest();
    RunDir run = new RunDir(SparkTests.tempDir(name).resolve("run").toString());
    Path from = Path.of(base.root());
    for (Path p : files(from)) {
      Path to = Path.of(run.root()).resolve(from.relativize(p));
      Files.createDirectories(to.getParent());
      Files.copy(p, to);
    }
    return run;
  }

  /** The web gold texts and the repository's JSONL notes, ingested and tokenized (3 files) with GPT-2's vocabulary. */
  private static RunDir ingest() throws IOException {
    RunDir run = new RunDir(SparkTests.tempDir("shard-base").resolve("run").toString());
    PipelineConfig config = SparkTests.defaults();
    IngestInput web = new IngestInput();
    web.source = "jsonl";
    web.name = "web";
    web.idField = "uri";
    web.paths.add(SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl").toString());
    IngestStage.run(SparkTests.spark(), run, web, config);
    IngestInput notes = new IngestInput();
    notes.source = "jsonl";
    notes.name = "notes";
    notes.paths.add(SparkTests.root().resolve("data-samples/jsonl/notes.jsonl").toString());
    IngestStage.run(SparkTests.spark(), run, notes, config);
    config.spark.outputFiles = 3;
    new TokenizeStage().run(SparkTests.spark(), run, config);
    return run;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  /** Every document is in exactly one shard, followed by end-of-text; the manifest describes the files. */
  private static void checkEveryDocumentOnce(RunDir run) throws Exception {

    List<String> expected = new ArrayList<>();
    for (Row r : SparkTests.spark().read().parquet(run.stage("tokenize").toString()).select("tokens").collectAsList()) {
      List<Integer> t = r.getList(0);
      expected.add(t.toString());
    }
    Path dir = Path.of(run.root(), "shards");
    ShardManifest m = ShardManifest.read(dir.resolve(ShardManifest.FILE_NAME));
    assertEquals("r50k_base", m.tokenizer.name);
    assertEquals(50257, m.tokenizer.vocabSize);
    assertEquals(64, m.tokenizer.sha256.length());
    assertEquals("uint16", m.dtype);
    assertEquals(EOT, m.endOfText);
    assertEquals(1234, m.seed);
    assertFalse(m.shards(ShardManifest.TRAIN).size() < 2, "expected several train shards of 20k tokens");
    assertFalse(m.shards(ShardManifest.VAL).isEmpty());
    List<String> got = new ArrayList<>();
    for (ShardManifest.Shard s : m.shards) {
      assertEquals(sha256(dir.resolve(s.path)), s.sha256);
      assertEquals(sha256(dir.resolve(s.index)), s.indexSha256);
      try (TokenShardReader r = ShardManifest.open(dir, s)) {
        assertEquals(s.tokens, r.tokenCount());
        List<Integer> doc = new ArrayList<>();
        for (long i = 0; i < r.tokenCount(); i++) {
          int t = r.token(i);
          if (t == EOT) {
            got.add(doc.toString());
            doc = new ArrayList<>();
          } else {
            doc.add(t);
          }
        }
        assertTrue(doc.isEmpty(), "shard must end with end-of-text: " + s.path);
      }
    }
    expected.sort(null);
    got.sort(null);
    assertEquals(expected, got);
    long tokens = m.sources.values().stream().mapToLong(t -> t.tokens).sum();
    assertEquals(tokens, m.tokens(ShardManifest.TRAIN) + m.tokens(ShardManifest.VAL));
    assertEquals(m.sources.get("web").tokensIn, m.sources.get("web").tokens);
  }

  @Test
  void everyDocumentOnceAndByteIdenticalShardsWhateverThePartitioning() throws Exception {
    // a: tokenized into 3 files, sharded with 4 shuffle partitions; b: retokenized into 1 file, 7 partitions.
    RunDir a = ingested("shard-det-a");
    RunDir b = ingested("shard-det-b");
    PipelineConfig config = SparkTests.defaults();
    config.shard.shardTokens = 15_000;
    config.shard.valFraction = 0.1;
    new ShardStage().run(SparkTests.spark(), a, config);
    checkEveryDocumentOnce(a);
    String before = SparkTests.spark().conf().get("spark.sql.shuffle.partitions");
    try {
      SparkTests.spark().conf().set("spark.sql.shuffle.partitions", "7");
      config.spark.outputFiles = 1;
      new TokenizeStage().run(SparkTests.spark(), b, config);
      new ShardStage().run(SparkTests.spark(), b, config);
    } finally {
      SparkTests.spark().conf().set("spark.sql.shuffle.partitions", before);
    }
    Path da = Path.of(a.root(), "shards");
    Path db = Path.of(b.root(), "shards");
    List<Path> fa = files(da);
    assertTrue(fa.size() > 4, "expected several shards, got " + fa);
    assertEquals(fa.stream().map(da::relativize).toList(), files(db).stream().map(db::relativize).toList());
    for (Path p : fa) assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(db.resolve(da.relativize(p))), p.toString());
  }

  @Test
  void llmcShardsAndMixtureWeightsUpsampleTheSmallSource() throws Exception {
    RunDir run = ingested("shard-llmc");
    PipelineConfig config = SparkTests.defaults();
    config.shard.format = "llmc";
    config.shard.weights = new TreeMap<>(java.util.Map.of("web", 0.5, "notes", 0.5));
    new ShardStage().run(SparkTests.spark(), run, config);
    Path dir = Path.of(run.root(), "shards");
    ShardManifest m = ShardManifest.read(dir.resolve(ShardManifest.FILE_NAME));
    ShardManifest.SourceTotals notes = m.sources.get("notes");
    ShardManifest.SourceTotals web = m.sources.get("web");
    assertTrue(notes.documents > 10 * notes.documentsIn, "notes should be repeated: " + notes.documents);
    double share = (double) notes.tokens / (notes.tokens + web.tokens);
    assertTrue(share > 0.35 && share < 0.65, "notes share of tokens " + share);
    for (ShardManifest.Shard s : m.shards) {
      assertEquals("llmc", s.format);
      try (TokenShardReader r = ShardManifest.open(dir, s)) {
        assertEquals(s.tokens, r.tokenCount());
        assertEquals(EOT, r.token(r.tokenCount() - 1));
      }
    }
  }

  @Test
  void trainTokenizerWritesATokenizerJsonThatHuggingFaceEncodesLikeUs() throws Exception {
    RunDir run = ingested("train-tokenizer");
    PipelineConfig config = SparkTests.defaults();
    config.tokenize.train.vocabSize = 1000;
    org.apache.hadoop.fs.Path json = TokenizerTraining.run(SparkTests.spark(), run, config);
    assertEquals(Path.of(run.root(), "tokenizer", "tokenizer.json").toString(), Path.of(json.toUri().getPath()).toString());
    BpeModel model = Tokenizers.load(json.toString());
    assertEquals(1000, model.vocabSize());
    List<String> texts = SparkTests.spark().read().parquet(run.documentPaths("ingest", new org.apache.hadoop.conf.Configuration())
        .toArray(new String[0])).select("text").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(Path.of(json.toUri().getPath()))
        .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
      for (String t : texts) {
        int[] expected = java.util.Arrays.stream(hf.encode(t, false, false).getIds()).mapToInt(x -> (int) x).toArray();
        assertArrayEquals(expected, model.newEncoder(true).encode(t), "as Hugging Face, which matches added tokens");
      }
    }
    TokenizedWith with = TokenizedWith.of(model, "<|endoftext|>", false);
    assertEquals("huggingface", with.tokenizer.kind);
    assertEquals(999, with.endOfTextId);
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
        Path.of(json.toUri().getPath())))), with.tokenizer.sha256);
  }

  @Test
  void tokenizerTrainLearnsTheRunsOwnVocabularyAndTheShardsCarryIt() throws Exception {
    RunDir run = ingested("tokenizer-train");
    PipelineConfig config = SparkTests.defaults();
    config.tokenize.tokenizer = TokenizeConfig.TRAIN;
    config.tokenize.train.vocabSize = 600;
    new TokenizeStage().run(SparkTests.spark(), run, config);
    new ShardStage().run(SparkTests.spark(), run, config);

    Path trained = Path.of(run.root(), "tokenizer", "tokenizer.json");
    Path dir = Path.of(run.root(), "shards");
    ShardManifest m = ShardManifest.read(dir.resolve(ShardManifest.FILE_NAME));
    assertEquals("huggingface", m.tokenizer.kind);
    assertEquals(600, m.tokenizer.vocabSize);
    assertEquals("tokenizer/tokenizer.json", m.tokenizer.name, "named by its place in the run directory");
    assertEquals(sha256(trained), m.tokenizer.sha256);
    assertEquals(TokenizedWith.TOKENIZER_JSON, m.tokenizer.file);
    assertArrayEquals(Files.readAllBytes(trained), Files.readAllBytes(dir.resolve(m.tokenizer.file)));
    assertEquals(599, m.endOfText, "<|endoftext|> gets the last id");
    // every document's tokens decode back to its text with the copy, in the Hugging Face library
    List<Row> docs = SparkTests.spark().read().parquet(run.stage("tokenize").toString()).select("text", "tokens").collectAsList();
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(dir.resolve(m.tokenizer.file))
        .optAddSpecialTokens(false).build()) {
      for (Row r : docs) {
        List<Integer> tokens = r.getList(1);
        assertTrue(tokens.stream().allMatch(t -> t < 599), "ordinary text never encodes to the special token");
        assertEquals(r.getString(0), hf.decode(tokens.stream().mapToLong(Integer::longValue).toArray()));
      }
    }
  }

  /** Documents that quote every special token string of the three tiktoken encodings and of a trained tokenizer. */
  private static RunDir quotingSpecialTokens(String name) throws Exception {
    RunDir run = ingested(name);
    java.util.Set<String> strings = new java.util.TreeSet<>(List.of("<|pad|>"));
    for (String e : List.of("r50k_base", "cl100k_base", "o200k_base")) strings.addAll(Tokenizers.load(e).addedTokens().keySet());
    Path jsonl = Path.of(run.root()).resolveSibling("quotes.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String text = "Document " + i + " quotes:\n" + dev.corpusforge.tokenize.SampleTexts.quoting(strings);
      lines.add(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("text", text)));
    }
    Files.write(jsonl, lines);
    IngestInput quotes = new IngestInput();
    quotes.source = "jsonl";
    quotes.name = "quotes";
    quotes.paths.add(jsonl.toString());
    IngestStage.run(SparkTests.spark(), run, quotes, SparkTests.defaults());
    return run;
  }

  /**
   * Reads every Megatron shard as Megatron's IndexedDataset does (one sequence per document): each document ends
   * with end-of-text and holds no other, so no reader sees a false document boundary.
   */
  static void endOfTextOnlyAtDocumentEnds(Path dir) throws IOException {
    ShardManifest m = ShardManifest.read(dir.resolve(ShardManifest.FILE_NAME));
    long documents = 0;
    for (ShardManifest.Shard s : m.shards) {
      String prefix = dir.resolve(s.path).toString().replaceAll("\\.bin$", "");
      try (var r = dev.corpusforge.shards.MegatronIndexedDataset.Reader.open(Path.of(prefix))) {
        for (long d = 0; d < r.sequenceCount(); d++) {
          int[] seq = r.sequence(d);
          assertEquals(m.endOfText, seq[seq.length - 1], s.path + " sequence " + d + " must end with end-of-text");
          for (int i = 0; i < seq.length - 1; i++) {
            if (seq[i] == m.endOfText) fail(s.path + " sequence " + d + " holds end-of-text at token " + i + " of " + seq.length);
          }
          documents++;
        }
      }
    }
    assertTrue(documents > 20, "too few documents checked: " + documents);
  }

  @Test
  void specialTokenStringsInDocumentsStayTextInTheShards() throws Exception {
    for (String tokenizer : List.of("r50k_base", TokenizeConfig.TRAIN)) {
      RunDir run = quotingSpecialTokens("special-" + tokenizer);
      PipelineConfig config = SparkTests.defaults();
      config.tokenize.tokenizer = tokenizer;
      config.tokenize.train.vocabSize = 600;
      new TokenizeStage().run(SparkTests.spark(), run, config);
      new ShardStage().run(SparkTests.spark(), run, config);
      endOfTextOnlyAtDocumentEnds(Path.of(run.root(), "shards"));
    }
  }

  @Test
  void theShardStageRefusesEndOfTextInsideADocumentUnlessSpecialTokensWereAllowed() throws Exception {
    RunDir run = quotingSpecialTokens("special-allowed");
    PipelineConfig config = SparkTests.defaults();
    config.tokenize.allowSpecialTokens = true;
    new TokenizeStage().run(SparkTests.spark(), run, config);
    new ShardStage().run(SparkTests.spark(), run, config);
    // the same tokens, recorded as encoded without special tokens: a bug the shard stage must not write out
    Path with = Path.of(run.root(), "tokenize", TokenizedWith.FILE);
    Files.writeString(with, Files.readString(with).replace("\"specialTokensAllowed\" : true", "\"specialTokensAllowed\" : false"));
    Files.delete(with.resolveSibling("." + TokenizedWith.FILE + ".crc")); // Hadoop's checksum of the old bytes
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> new ShardStage().run(SparkTests.spark(), run, config));
    assertTrue(String.valueOf(rootCause(e).getMessage()).contains("holds the end-of-text id 50256"), rootCause(e).toString());
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }

  @Test
  void tokenizeReadsDedupElseCleanElseIngest() throws Exception {
    RunDir run = new RunDir(SparkTests.tempDir("input-rule").toString());
    PipelineConfig config = SparkTests.defaults();
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    Files.createDirectories(Path.of(run.root(), "clean"));
    Files.writeString(Path.of(run.root(), "clean", "_COMPLETE"), "complete\n");
    assertEquals("clean", TokenizeStage.inputStage(run, config, conf));
    Files.createDirectories(Path.of(run.root(), "dedup"));
    assertEquals("clean", TokenizeStage.inputStage(run, config, conf), "an incomplete dedup is not used");
    Files.writeString(Path.of(run.root(), "dedup", "_COMPLETE"), "complete\n");
    assertEquals("dedup", TokenizeStage.inputStage(run, config, conf));
  }
}
