package dev.corpusforge.training.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.corpusforge.training.model.AdamW;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.GptConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything a training run is configured by: model shape, optimizer, schedule, batches and parameter averaging.
 * Defaults follow GPT-3's small-model recipe (Brown et al. 2020, table 2.1 and appendix B) scaled down to a model that
 * trains on a CPU; the command line overrides any field.
 */
public final class TrainConfig implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Transformer blocks (GPT-3 Small: 12). */
  public int layers = 4;
  /** Residual stream width d_model (GPT-3 Small: 768). */
  public int width = 128;
  /** Attention heads; width must be a multiple (GPT-3 Small: 12, head size 64). */
  public int heads = 4;
  /** Context length in tokens (GPT-3: 2048; GPT-2: 1024). */
  public int context = 128;
  /**
   * Output projection shares the token embedding matrix (weight tying, Press & Wolf 2017; GPT-2 and nanoGPT tie).
   * False gives a separate vocab x width output matrix {@code lmhead}, as GPT-2 with {@code tie_word_embeddings=False}.
   */
  public boolean tieEmbedding = true;
  /** Std of the normal initialisation (GPT-2: 0.02; residual output projections get initStd/sqrt(2*layers)). */
  public double initStd = 0.02;

  /** Peak learning rate (GPT-3 Small: 6e-4). */
  public double learningRate = 6e-4;
  /** Floor of the cosine decay as a fraction of the peak (GPT-3: decays to 10%). */
  public double minLearningRateFraction = 0.1;
  /** Linear warmup steps (GPT-3: 375M tokens; nanoGPT's GPT-2 recipe: 2000 steps). */
  public int warmupSteps = 20;
  /** Adam beta1 / beta2 / epsilon (GPT-3: 0.9, 0.95, 1e-8). */
  public double beta1 = 0.9;
  public double beta2 = 0.95;
  public double epsilon = 1e-8;
  /** Decoupled (AdamW) weight decay on weight matrices, not on biases or LayerNorm gains (GPT-3: 0.1). */
  public double weightDecay = 0.1;
  /** Clip the global L2 norm of the gradient to this (GPT-3: 1.0). */
  public double gradClip = 1.0;

  /** Optimizer steps of the whole run; each step every worker fits one batch. */
  public int maxSteps = 200;
  /** Sequences per batch on each worker. */
  public int batchPerWorker = 8;
  /** Spark workers training in parallel; their models are averaged every {@link #averagingSteps}. */
  public int workers = 1;
  /** Local steps k each worker fits between two averagings (k=1 matches synchronous data-parallel SGD most closely). */
  public int averagingSteps = 4;
  /** Seed for initialisation and for the data order. */
  public long seed = 1234;
  /** Steps between checkpoints (the last step always writes one). */
  public int checkpointEvery = 100;
  /** Compute in double instead of float (gradient checks, exact equality tests). */
  public boolean doublePrecision = false;

  private static final ObjectMapper JSON = JsonMapper.builder().build(); // static: not serialized

  public TrainConfig copy() {
    return JSON.convertValue(this, TrainConfig.class);
  }

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A copy with {@code key=value} overrides applied in order (`train --set`): the key is a field of this class, the
   * value is parsed as JSON (numbers, booleans) or taken as text.
   */
  public TrainConfig withOverrides(List<String> overrides) {
    ObjectNode tree = JSON.valueToTree(this);
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--set takes key=value, got '" + override + "'");
      String key = override.substring(0, eq).trim(), raw = override.substring(eq + 1).trim();
      if (!tree.has(key))
        throw new IllegalArgumentException("--set " + override + ": no training config key '" + key + "'; known: "
            + String.join(", ", (Iterable<String>) tree::fieldNames));
      JsonNode value;
      try {
        value = JSON.readTree(raw);
      } catch (Exception e) {
        value = TextNode.valueOf(raw);
      }
      tree.set(key, value == null ? TextNode.valueOf(raw) : value);
    }
    try {
      return JSON.treeToValue(tree, TrainConfig.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("invalid training config override " + overrides + ": " + e.getMessage(), e);
    }
  }

  /** The keys whose values in {@code other} differ from this config's. */
  public List<String> differences(TrainConfig other) {
    ObjectNode mine = JSON.valueToTree(this), theirs = JSON.valueToTree(other);
    List<String> changed = new ArrayList<>();
    mine.fieldNames().forEachRemaining(key -> {
      if (!mine.get(key).equals(theirs.get(key))) changed.add(key);
    });
    return changed;
  }

  /** One key's value as text, e.g. for "(saved 6.0E-4)". */
  public static String value(TrainConfig config, String key) {
    return JSON.valueToTree(config).get(key).asText();
  }

  public static TrainConfig fromJson(String json) {
    try {
      return JSON.readValue(json, TrainConfig.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("not a training config: " + e.getMessage(), e);
    }
  }

  /** The model's shape over a vocabulary of {@code vocab} tokens. */
  public GptConfig gpt(int vocab) {
    return new GptConfig(layers, width, heads, context, vocab, tieEmbedding);
  }

  public DataType dataType() {
    return doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
  }

  public AdamW.Settings adamW() {
    return new AdamW.Settings(beta1, beta2, epsilon, weightDecay, gradClip);
  }

  /** A freshly initialised model of this shape (GPT-2's scheme, this config's std and seed). */
  public Gpt initialModel(int vocab) {
    return Gpt.initialize(gpt(vocab), dataType(), initStd, seed);
  }

  /** The fields that determine the model's parameters, for checks that a checkpoint and a request agree. */
  public String modelShape() {
    return "layers " + layers + ", width " + width + ", heads " + heads + ", context " + context + ", output projection "
        + (tieEmbedding ? "tied to the embedding" : "untied");
  }

  /** Fails with the offending field and the fix when the shape is inconsistent. */
  public TrainConfig validate() {
    if (width % heads != 0) throw new IllegalArgumentException("width " + width + " is not a multiple of heads " + heads + "; change --width or --heads");
    if (layers < 1 || context < 2 || batchPerWorker < 1 || workers < 1 || averagingSteps < 1 || maxSteps < 1)
      throw new IllegalArgumentException("layers, batch, workers, averaging steps and max steps must be >= 1 and context >= 2: " + toJson());
    return this;
  }
}
