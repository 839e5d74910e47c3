package dev.corpusforge.shards;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code shards/manifest.json}: everything a trainer needs besides the shard files — the tokenizer they were encoded
 * with, the token dtype, the end-of-text id, every shard with its split, format, path (relative to the manifest),
 * documents, tokens and sha256, totals per source, and the shard configuration and seed that produced them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ShardManifest {
  public static final String FILE_NAME = "manifest.json";
  public static final String MEGATRON = "megatron";
  public static final String LLMC = "llmc";
  public static final String TRAIN = "train";
  public static final String VAL = "val";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public int manifestVersion = 1;
  public Tokenizer tokenizer = new Tokenizer();
  /** Token type of every shard, numpy name ("uint16" or "int32"). */
  public String dtype;
  public int endOfText;
  public List<Shard> shards = new ArrayList<>();
  /** Per source: documents and tokens in, after mixture sampling, and per split. */
  public TreeMap<String, SourceTotals> sources = new TreeMap<>();
  /** The shard configuration used, as JSON. */
  public JsonNode config;
  public long seed;

  /** The tokenizer the shards were encoded with. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Tokenizer {
    /** "r50k_base", "cl100k_base", "o200k_base", or a tokenizer.json path. */
    public String name;
    /** "tiktoken" or "huggingface". */
    public String kind;
    public int vocabSize;
    /** sha256 of the tokenizer.json file, or of the tiktoken encoding's ranks. */
    public String sha256;
    /** For a tokenizer.json: its copy next to the manifest (relative path), which decodes the shards. */
    public String file;
  }

  /** One shard file (llm.c) or file pair (Megatron: {@code path} is the .bin, {@code index} the .idx). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Shard {
    public String split;
    public String format;
    public String path;
    public String index;
    public long documents;
    public long tokens;
    public String sha256;
    public String indexSha256;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class SourceTotals {
    /** Mixture weight asked for (fraction of the output tokens), after normalisation. */
    public double weight;
    public long documentsIn;
    public long tokensIn;
    /** Documents and tokens written, repeats counted: up- or down-sampled from the input by the weight. */
    public long documents;
    /** Distinct documents written (documents counts repeats). */
    public long distinctDocuments;
    public long tokens;
    public long trainTokens;
    public long valTokens;
  }

  public List<Shard> shards(String split) {
    return shards.stream().filter(s -> split.equals(s.split)).toList();
  }

  public long tokens(String split) {
    return shards(split).stream().mapToLong(s -> s.tokens).sum();
  }

  public TokenDType tokenDType() { return TokenDType.ofName(dtype); }

  /** Opens a shard of this manifest, which lives in {@code manifestDir}, memory-mapped. */
  public static TokenShardReader open(Path manifestDir, Shard shard) throws IOException {
    Path bin = manifestDir.resolve(shard.path);
    return switch (shard.format) {
      case MEGATRON -> new MegatronIndexedDataset.Reader(manifestDir.resolve(shard.index), bin);
      case LLMC -> new LlmcShard.Reader(bin);
      default -> throw new IOException(bin + ": unknown shard format '" + shard.format + "' (megatron or llmc)");
    };
  }

  public String toJson() throws IOException {
    return JSON.writeValueAsString(this) + "\n";
  }

  public void write(OutputStream out) throws IOException {
    out.write(toJson().getBytes(StandardCharsets.UTF_8));
  }

  public void write(Path path) throws IOException {
    Files.writeString(path, toJson());
  }

  public static ShardManifest read(InputStream in) throws IOException {
    return JSON.readValue(in, ShardManifest.class);
  }

  public static ShardManifest read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in);
    }
  }
}
