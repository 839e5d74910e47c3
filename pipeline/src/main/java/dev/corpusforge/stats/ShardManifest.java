package dev.corpusforge.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The final token mixture from {@code DIR/shards/manifest.json}: tokens per shard (with its split) and per source.
 * The manifest is the shard stage's contract with the trainer, so its figures are the ones that get trained on.
 */
final class ShardManifest {
  static final String FILE = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  final JsonNode root;

  private ShardManifest(JsonNode root) {
    this.root = root;
  }

  static ShardManifest empty() {
    return new ShardManifest(JSON.createObjectNode());
  }

  static ShardManifest read(Path path, Configuration conf) throws IOException {
    if (!path.getFileSystem(conf).exists(path)) return null;
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return new ShardManifest(JSON.readTree(in));
    }
  }

  /** Rows of (split, path, documents, tokens) for every shard listed. */
  StatsTable shardTokens(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode s : root.path("shards")) {
      rows.add(RowFactory.create(text(s, "split"), text(s, "path"), number(s, "documents"), number(s, "tokens")));
    }
    StructType schema = new StructType().add("split", DataTypes.StringType).add("path", DataTypes.StringType)
        .add("documents", DataTypes.LongType).add("tokens", DataTypes.LongType);
    return new StatsTable("shard_tokens", spark.createDataFrame(rows, schema), "split", "path");
  }

  /** Rows of (source, documents, tokens, share of all tokens) from the manifest's totals per source. */
  StatsTable tokenMixture(SparkSession spark) {
    List<Object[]> found = new ArrayList<>();
    JsonNode sources = perSource();
    long total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = sources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Long tokens = v.isNumber() ? Long.valueOf(v.asLong()) : number(v, "tokens");
      Long docs = v.isNumber() ? null : number(v, "documents");
      found.add(new Object[] {e.getKey(), docs, tokens});
      if (tokens != null) total += tokens;
    }
    List<Row> rows = new ArrayList<>();
    for (Object[] f : found) {
      Long tokens = (Long) f[2];
      rows.add(RowFactory.create(f[0], f[1], tokens, tokens == null || total == 0 ? null : tokens / (double) total));
    }
    StructType schema = new StructType().add("source", DataTypes.StringType).add("documents", DataTypes.LongType)
        .add("tokens", DataTypes.LongType).add("share", DataTypes.DoubleType);
    return new StatsTable("token_mixture", spark.createDataFrame(rows, schema), "source");
  }

  /** The per-source totals: "sources", or "sources" / "bySource" inside "totals". */
  private JsonNode perSource() {
    for (JsonNode n : new JsonNode[] {root.path("sources"), root.path("totals").path("sources"),
        root.path("totals").path("bySource"), root.path("bySource"), root.path("totalsBySource")}) {
      if (n.isObject()) return n;
    }
    return JSON.createObjectNode();
  }

  String tokenizer() {
    JsonNode t = root.path("tokenizer");
    if (t.isTextual()) return t.asText();
    return t.isObject() ? text(t, "name") : null;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static Long number(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? Long.valueOf(v.asLong()) : null;
  }

}
