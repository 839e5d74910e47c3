package dev.corpusforge.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Where a vocabulary comes from: a tiktoken encoding name shipped in jtokkit's jar, or a tokenizer.json file on any
 * Hadoop file system. A {@link Spec} is small and serializable, so it travels to executors, which build the model once
 * per JVM and cache it.
 */
public final class Tokenizers {
  private static final ConcurrentHashMap<String, BpeModel> MODELS = new ConcurrentHashMap<>();

  private Tokenizers() {}

  /** A vocabulary reference; for a tokenizer.json, its bytes are read on the driver and carried along. */
  public static final class Spec implements Serializable {
    private static final long serialVersionUID = 1L;
    public final String name;
    final byte[] json;

    private Spec(String name, byte[] json) {
      this.name = name;
      this.json = json;
    }

    public BpeModel model() {
      return MODELS.computeIfAbsent(json == null ? name : name + "#" + TiktokenEncodings.sha256(json), k -> {
        try {
          return json == null ? TiktokenEncodings.load(name) : HuggingFaceBpe.parse(name, json);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot load tokenizer " + name + ": " + e.getMessage(), e);
        }
      });
    }
  }

  /** "r50k_base" (also "gpt2"), "cl100k_base", "o200k_base", or the path of a tokenizer.json. */
  public static Spec spec(String nameOrPath, Configuration conf) throws IOException {
    String name = "gpt2".equals(nameOrPath) ? TiktokenEncodings.R50K : nameOrPath;
    if (TiktokenEncodings.isKnown(name)) return new Spec(name, null);
    try {
      return file(nameOrPath, new Path(nameOrPath), conf);
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("tokenizer '" + nameOrPath + "' is neither r50k_base, cl100k_base, o200k_base"
          + " nor an existing tokenizer.json; set tokenize.tokenizer");
    }
  }

  /** The tokenizer.json at {@code path}, recorded under {@code name}. */
  public static Spec file(String name, Path path, Configuration conf) throws IOException {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return new Spec(name, buf.toByteArray());
    }
  }

  public static BpeModel load(String nameOrPath) throws IOException {
    return spec(nameOrPath, new Configuration()).model();
  }
}
