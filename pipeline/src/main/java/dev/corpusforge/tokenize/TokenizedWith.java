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
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ShardManifest.Tokenizer tokenizer = new ShardManifest.Tokenizer();
  public String endOfText;
  public int endOfTextId;

  public static TokenizedWith of(BpeModel model, String endOfText) {
    TokenizedWith t = new TokenizedWith();
    t.tokenizer.name = model.name();
    t.tokenizer.kind = model.kind();
    t.tokenizer.vocabSize = model.vocabSize();
    t.tokenizer.sha256 = model.sha256();
    t.endOfText = endOfText;
    t.endOfTextId = model.specialToken(endOfText);
    return t;
  }

  public void write(RunDir run, Configuration conf) throws IOException {
    Path p = new Path(run.stage(TokenizeStage.NAME), FILE);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      JSON.writeValue(out, this);
    }
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
