package dev.corpusforge.training.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.training.train.Checkpoint;
import dev.corpusforge.training.train.LocalTrainer;
import dev.corpusforge.training.train.ShardTokens;
import dev.corpusforge.training.train.SyntheticShards;
import dev.corpusforge.training.train.TrainConfig;
import dev.corpusforge.training.train.WindowSampler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `export-model`: the Hugging Face directory and llm.c's file hold the trained parameters in the published layouts,
 * checked by an independent PyTorch GPT-2 (src/test/python/gpt2_reference_loss.py) that must reproduce `evaluate`'s
 * validation loss within 1e-4 from the exported files alone, for a tied and an untied model. Without PyTorch the
 * reference checks are skipped, unless CORPUSFORGE_REQUIRE_TORCH=1 (bin/test sets it, so CI runs them for real).
 */
class ExportModelTest {
  private static final int VOCAB = 40;
  private static final Path REFERENCE = Path.of("src/test/python/gpt2_reference_loss.py");

  /** A run directory with synthetic shards and a checkpoint trained for a few steps, then evaluated. */
  private static Path trainedRun(Path run, boolean tied) throws Exception {
    Path manifest = SyntheticShards.write(run, VOCAB, 20_000, 1_500);
    TrainConfig c = new TrainConfig();
    c.layers = 2;
    c.width = 16;
    c.heads = 2;
    c.context = 12;
    c.batchPerWorker = 8;
    c.warmupSteps = 2;
    c.maxSteps = 30;
    c.learningRate = 1e-2;
    c.tieEmbedding = tied;
    try (ShardTokens train = new ShardTokens(manifest, ShardManifest.TRAIN)) {
      LocalTrainer trainer = new LocalTrainer(c, VOCAB, LocalTrainer.initialState(c, VOCAB, 1), 0,
          new WindowSampler(train, c.context, 0, 1, c.seed));
      trainer.fit(c.maxSteps);
      new Checkpoint(c, VOCAB, trainer.state(1)).write(checkpoint(run));
    }
    assertEquals(0, cli("evaluate", "--run-dir", run.toString()));
    return run;
  }

  private static Path checkpoint(Path run) {
    return run.resolve("model").resolve(Checkpoint.DIR_NAME);
  }

  @Test
  void tiedHuggingFaceExportReproducesTheValidationLossInPyTorch(@TempDir Path dir) throws Exception {
    Path run = trainedRun(dir.resolve("run"), true);
    Path out = dir.resolve("hf");
    assertEquals(0, cli("export-model", "--checkpoint", checkpoint(run).toString(), "--format", "hf", "--output", out.toString()));
    JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertEquals("gpt2", config.get("model_type").asText());
    assertEquals("gelu_new", config.get("activation_function").asText());
    assertEquals(2, config.get("n_layer").asInt());
    assertEquals(12, config.get("n_positions").asInt());
    assertEquals(VOCAB, config.get("vocab_size").asInt());
    assertTrue(config.get("tie_word_embeddings").asBoolean());
    JsonNode header = safetensorsHeader(out.resolve("model.safetensors"));
    assertFalse(header.has("lm_head.weight"), "a tied model has no separate lm_head.weight");
    assertEquals("[16,48]", header.get("transformer.h.0.attn.c_attn.weight").get("shape").toString(), "Conv1D is [in, out]");
    assertEquals("[" + VOCAB + ",16]", header.get("transformer.wte.weight").get("shape").toString());
    assertReferenceLossMatches(out, run);
  }

  @Test
  void untiedHuggingFaceExportReproducesTheValidationLossInPyTorch(@TempDir Path dir) throws Exception {
    Path run = trainedRun(dir.resolve("run"), false);
    Path out = dir.resolve("hf");
    assertEquals(0, cli("export-model", "--checkpoint", checkpoint(run).toString(), "--format", "hf", "--output", out.toString()));
    assertFalse(new ObjectMapper().readTree(out.resolve("config.json").toFile()).get("tie_word_embeddings").asBoolean());
    assertEquals("[" + VOCAB + ",16]", safetensorsHeader(out.resolve("model.safetensors")).get("lm_head.weight").get("shape").toString());
    assertReferenceLossMatches(out, run);

    StringWriter err = new StringWriter();
    assertNotEquals(0, new CommandLine(new TrainingCli()).setErr(new PrintWriter(err, true)).execute("export-model",
        "--checkpoint", checkpoint(run).toString(), "--format", "llmc", "--output", dir.resolve("llmc").toString()));
    assertTrue(err.toString().contains("--format hf"), err.toString());
  }

  @Test
  void llmcExportHasLlmcsHeaderAndLayoutAndReproducesTheValidationLossInPyTorch(@TempDir Path dir) throws Exception {
    Path run = trainedRun(dir.resolve("run"), true);
    Path out = dir.resolve("llmc");
    assertEquals(0, cli("export-model", "--checkpoint", checkpoint(run).toString(), "--format", "llmc", "--output", out.toString()));
    Path file = out.resolve(LlmcExport.FILE_NAME);
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int[] header = new int[256];
    bytes.asIntBuffer().get(header);
    assertArrayEquals(new int[] {20240326, 3, 12, VOCAB, 2, 2, 16, 128}, java.util.Arrays.copyOf(header, 8));
    int c = 16, v = 128, t = 12, l = 2;
    long params = (long) v * c + (long) t * c + l * (12L * c * c + 13L * c) + 2L * c;
    assertEquals(1024 + 4 * params, Files.size(file));
    // qkvw of layer 0 follows wte, wpe and all layers' ln1w and ln1b, as nn.Linear's [3C, C]: element [o, i] = W[i, o]
    Checkpoint checkpoint = Checkpoint.read(checkpoint(run));
    CheckpointTensors tensors = new CheckpointTensors(checkpoint);
    float[] wqkv = tensors.values("h0.wqkv");
    int qkvOffset = 1024 + 4 * (v * c + t * c + 2 * l * c);
    for (int o : new int[] {0, 5, 47})
      for (int i : new int[] {0, 3, 15})
        assertEquals(wqkv[i * 3 * c + o], bytes.getFloat(qkvOffset + 4 * (o * c + i)));
    assertEquals(0f, bytes.getFloat(1024 + 4 * (VOCAB * c)), "padded vocabulary rows are zero");
    assertReferenceLossMatches(file, run);
  }

  private static JsonNode safetensorsHeader(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, (8 + n) % 8, "tensor data 8-byte aligned");
    JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    long end = 0;
    for (var it = header.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().equals("__metadata__")) end = Math.max(end, e.getValue().get("data_offsets").get(1).asLong());
    }
    assertEquals(bytes.length, 8 + n + end, "data_offsets cover the file exactly");
    return header;
  }

  private static void assertReferenceLossMatches(Path export, Path run) throws Exception {
    boolean required = "1".equals(System.getenv("CORPUSFORGE_REQUIRE_TORCH"));
    if (!required)
      Assumptions.assumeTrue(new ProcessBuilder("/usr/bin/python3", "-c", "import torch, numpy").start().waitFor() == 0,
          "PyTorch (Debian python3-torch) not installed");
    Process p = new ProcessBuilder(List.of("/usr/bin/python3", REFERENCE.toString(), export.toString(),
        run.resolve("shards").resolve(ShardManifest.FILE_NAME).toString(), run.resolve("model").resolve("eval.json").toString()))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    System.out.print(output);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("PyTorch GPT-2 reference"), output);
  }

  private static int cli(String... args) {
    return new CommandLine(new TrainingCli()).execute(args);
  }
}
