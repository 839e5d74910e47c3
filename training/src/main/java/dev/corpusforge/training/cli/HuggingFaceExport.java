package dev.corpusforge.training.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.training.model.ParamLayout;
import dev.corpusforge.training.train.Checkpoint;
import dev.corpusforge.training.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint as a Hugging Face GPT-2 model directory that {@code GPT2LMHeadModel.from_pretrained} loads:
 * {@code config.json}, {@code model.safetensors} (float32, GPT2LMHeadModel's parameter names; its Conv1D weights are
 * [in, out], the trainer's own layout; {@code lm_head.weight} [vocab, width] only for an untied model, a tied one
 * reuses {@code transformer.wte.weight}) and the run's {@code tokenizer.json}. The architecture is the same: pre-LN
 * blocks, tanh GELU ("gelu_new"), LayerNorm epsilon 1e-5, learned positions, biases everywhere.
 */
public final class HuggingFaceExport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HuggingFaceExport() {}

  /** Writes OUT/config.json, OUT/model.safetensors and, when the shards used a tokenizer.json, OUT/tokenizer.json. */
  public static List<Path> write(Checkpoint checkpoint, ShardManifest manifest, Path manifestDir, Path out) throws IOException {
    Files.createDirectories(out);
    TrainConfig c = checkpoint.config;
    CheckpointTensors tensors = new CheckpointTensors(checkpoint);
    Safetensors file = new Safetensors();
    add(file, tensors, "transformer.wte.weight", "wte");
    add(file, tensors, "transformer.wpe.weight", "wpe");
    for (int l = 0; l < c.layers; l++) {
      String ours = "h" + l + ".", theirs = "transformer.h." + l + ".";
      add(file, tensors, theirs + "ln_1.weight", ours + "ln1g");
      add(file, tensors, theirs + "ln_1.bias", ours + "ln1b");
      add(file, tensors, theirs + "attn.c_attn.weight", ours + "wqkv");
      add(file, tensors, theirs + "attn.c_attn.bias", ours + "bqkv");
      add(file, tensors, theirs + "attn.c_proj.weight", ours + "wo");
      add(file, tensors, theirs + "attn.c_proj.bias", ours + "bo");
      add(file, tensors, theirs + "ln_2.weight", ours + "ln2g");
      add(file, tensors, theirs + "ln_2.bias", ours + "ln2b");
      add(file, tensors, theirs + "mlp.c_fc.weight", ours + "w1");
      add(file, tensors, theirs + "mlp.c_fc.bias", ours + "b1");
      add(file, tensors, theirs + "mlp.c_proj.weight", ours + "w2");
      add(file, tensors, theirs + "mlp.c_proj.bias", ours + "b2");
    }
    add(file, tensors, "transformer.ln_f.weight", "lnfg");
    add(file, tensors, "transformer.ln_f.bias", "lnfb");
    if (!c.tieEmbedding) add(file, tensors, "lm_head.weight", ParamLayout.UNTIED_OUTPUT);
    Path weights = out.resolve("model.safetensors");
    file.write(weights, Map.of("format", "pt"));

    Path config = out.resolve("config.json");
    JSON.writeValue(config.toFile(), config(checkpoint, manifest));
    List<Path> written = new java.util.ArrayList<>(List.of(config, weights));
    if ("huggingface".equals(manifest.tokenizer.kind)) {
      Path tokenizer = out.resolve("tokenizer.json");
      Files.copy(manifestDir.resolve(manifest.tokenizer.file != null ? manifest.tokenizer.file : manifest.tokenizer.name),
          tokenizer, StandardCopyOption.REPLACE_EXISTING);
      written.add(tokenizer);
    }
    return written;
  }

  private static void add(Safetensors file, CheckpointTensors tensors, String name, String ours) {
    file.put(name, tensors.shape(ours), tensors.values(ours));
  }

  /** GPT2Config's fields; dropout 0 because the trainer uses none. */
  static Map<String, Object> config(Checkpoint checkpoint, ShardManifest manifest) {
    TrainConfig c = checkpoint.config;
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model_type", "gpt2");
    config.put("architectures", List.of("GPT2LMHeadModel"));
    config.put("n_layer", c.layers);
    config.put("n_head", c.heads);
    config.put("n_embd", c.width);
    config.put("n_positions", c.context);
    config.put("n_ctx", c.context);
    config.put("n_inner", null);
    config.put("vocab_size", checkpoint.vocab);
    config.put("layer_norm_epsilon", 1e-5);
    config.put("activation_function", "gelu_new");
    config.put("tie_word_embeddings", c.tieEmbedding);
    config.put("resid_pdrop", 0.0);
    config.put("embd_pdrop", 0.0);
    config.put("attn_pdrop", 0.0);
    config.put("initializer_range", c.initStd);
    config.put("bos_token_id", manifest.endOfText);
    config.put("eos_token_id", manifest.endOfText);
    config.put("torch_dtype", "float32");
    return config;
  }
}
