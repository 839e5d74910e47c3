package dev.corpusforge.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.stage.RunDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code DIR/tokenize/_tokenizer.json}: the vocabulary the tokenize stage used, so that the shard stage records in
 * its manifest what the tokens really are, not what the configuration says now.
 */
public class TokenizedWith {
  public static final String FILE = "_tokenizer.json";
  /** A tokenizer.json as kept in DIR/tokenize/ (hidden from Parquet readers by the underscore). */
  public static final String KEPT_TOKENIZER_JSON = "_tokenizer.huggingface.json";
  /** Its copy's name next to the shard manifest. */
  public static final String TOKENIZER_JSON = "tokenizer.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ShardManifest.Tokenizer tokenizer = new ShardManifest.Tokenizer();
  public String endOfText;
  public int endOfTextId;
  /** {@code tokenize.allowSpecialTokens}: whether a document's own tokens may hold special ids (end-of-text included). */
  public boolean specialTokensAllowed;

  public static TokenizedWith of(BpeModel model, String endOfText, boolean specialTokensAllowed) {
    TokenizedWith t = new TokenizedWith();
    t.tokenizer.name = model.name();
    t.tokenizer.kind = model.kind();
    t.tokenizer.vocabSize = model.vocabSize();
    t.tokenizer.sha256 = model.sha256();
    t.endOfText = endOfText;
    t.endOfTextId = model.specialToken(endOfText);
    t.specialTokensAllowed = specialTokensAllowed;
    return t;
  }

  public void write(RunDir run, Configuration conf) throws IOException {
    Path p = new Path(run.stage(TokenizeStage.NAME), FILE);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      JSON.writeValue(out, this);
    }
  }

  /** Keeps the tokenizer.json the tokens are encoded with in DIR/tokenize/, where the shard stage finds it. */
  static void keepTokenizerJson(RunDir run, byte[] json, Configuration conf) throws IOException {
    Path p = new Path(run.stage(TokenizeStage.NAME), KEPT_TOKENIZER_JSON);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      out.write(json);
    }
  }

  /**
   * For a tokenizer.json vocabulary, copies the file the tokens were encoded with (kept by the tokenize stage) into
   * {@code dir}, the shards folder, so that the shards carry what decodes them wherever they are moved; returns the
   * copy's name, or null for a tiktoken encoding (known by name).
   */
  public String copyTokenizerJson(RunDir run, Path dir, Configuration conf) throws IOException {
    if (!HuggingFaceBpe.KIND.equals(tokenizer.kind)) return null;
    Path from = new Path(run.stage(TokenizeStage.NAME), KEPT_TOKENIZER_JSON);
    byte[] json;
    try (InputStream in = from.getFileSystem(conf).open(from)) {
      json = in.readAllBytes();
    }
    if (!TiktokenEncodings.sha256(json).equals(tokenizer.sha256)) {
      throw new IllegalStateException(from + " is not the tokenizer the tokens were encoded with (sha256 "
          + tokenizer.sha256 + "); rerun `bin/corpusforge tokenize` before shard");
    }
    Path to = new Path(dir, TOKENIZER_JSON);
    try (OutputStream out = to.getFileSystem(conf).create(to, true)) {
      out.write(json);
    }
    return TOKENIZER_JSON;
  }

  public static TokenizedWith read(RunDir run, Configuration conf) throws IOException {
    Path p = new Path(run.stage(TokenizeStage.NAME), FILE);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new IllegalStateException(p + " is missing; rerun `bin/corpusforge tokenize --run-dir " + run.root() + "`");
    }
    try (InputStream in = fs.open(p)) {
      return JSON.readValue(in, TokenizedWith.class);
    }
  }
}
