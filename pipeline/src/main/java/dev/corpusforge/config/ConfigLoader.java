package dev.corpusforge.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Loads a {@link PipelineConfig}: built-in defaults, then a YAML file, then {@code --set a.b.c=value} overrides. */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigLoader() {}

  public static PipelineConfig load(String file, List<String> overrides) throws IOException {
    JsonNode tree = YAML.valueToTree(new PipelineConfig());
    if (file != null) {
      Path path = new Path(file);
      // An uncached instance: Hadoop's cache would hand this plain configuration's file system to the Spark session.
      try (FileSystem fs = FileSystem.newInstance(path.toUri(), new Configuration()); InputStream in = fs.open(path)) {
        merge((ObjectNode) tree, YAML.readTree(in), file);
      }
    }
    for (String override : overrides) apply((ObjectNode) tree, override);
    try {
      return YAML.treeToValue(tree, PipelineConfig.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("invalid configuration" + (file != null ? " in " + file : "") + ": "
          + e.getOriginalMessage() + " (see `bin/corpusforge config --defaults` for every key)", e);
    }
  }

  public static String toYaml(PipelineConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void merge(ObjectNode base, JsonNode update, String where) {
    if (update == null || update.isNull() || update.isMissingNode()) return;
    if (!update.isObject()) throw new IllegalArgumentException(where + ": the top level must be a mapping of sections");
    update.fields().forEachRemaining(e -> {
      JsonNode current = base.get(e.getKey());
      if (current == null) {
        throw new IllegalArgumentException(where + ": unknown key '" + e.getKey() + "'; known keys: " + keys(base));
      }
      // A section merges key by key; a map whose default is empty (e.g. shard.weights) takes the given entries.
      if (current.isObject() && !current.isEmpty() && e.getValue().isObject()) merge((ObjectNode) current, e.getValue(), where + ":" + e.getKey());
      else base.set(e.getKey(), e.getValue());
    });
  }

  /** {@code a.b.c=value}: the value is parsed as YAML, so numbers, booleans and [lists] keep their types. */
  static void apply(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) throw new IllegalArgumentException("--set takes key.path=value, got '" + override + "'");
    String[] keys = override.substring(0, eq).trim().split("\\.");
    String raw = override.substring(eq + 1);
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = node.get(keys[i]);
      if (child == null || !child.isObject()) {
        throw new IllegalArgumentException("--set " + override + ": no section '" + keys[i] + "'; known: " + keys(node));
      }
      node = (ObjectNode) child;
    }
    String last = keys[keys.length - 1];
    if (!node.has(last)) {
      throw new IllegalArgumentException("--set " + override + ": no key '" + last + "'; known: " + keys(node));
    }
    JsonNode value;
    try {
      value = raw.isEmpty() ? TextNode.valueOf("") : YAML.readTree(raw);
    } catch (IOException e) {
      value = TextNode.valueOf(raw);
    }
    if (node.get(last).isArray() && !value.isArray()) {
      ArrayNode list = YAML.createArrayNode();
      for (String item : raw.split(",")) list.add(item.trim());
      value = list;
    }
    node.set(last, value);
  }

  private static String keys(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    node.fieldNames().forEachRemaining(k -> sb.append(sb.length() == 0 ? "" : ", ").append(k));
    return sb.toString();
  }
}
