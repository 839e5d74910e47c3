package dev.corpusforge.training.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corpusforge.training.model.ParamLayout;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint directory: {@code checkpoint.json} (step, data positions, vocabulary, config, {@code stateFormat}) and
 * {@code state.bin}: a big-endian int32 n, then the n parameters, the n first and the n second AdamW moments, big-endian,
 * in the model's precision: float32 for float models ({@code "stateFormat": "float32"}, half the bytes of doubles),
 * float64 only for double-precision models. Checkpoints written before the format field hold float64 and are still
 * read. Written to a temporary directory and renamed, so a crash never leaves a half-written checkpoint.
 */
public final class Checkpoint {
  public static final String DIR_NAME = "checkpoint";
  private static final String FLOAT32 = "float32", FLOAT64 = "float64";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public final TrainConfig config;
  public final int vocab;
  public final ModelState state;

  public Checkpoint(TrainConfig config, int vocab, ModelState state) {
    this.config = config;
    this.vocab = vocab;
    this.state = state;
  }

  public void write(Path dir) {
    try {
      Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
      deleteRecursively(tmp);
      Files.createDirectories(tmp);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("step", state.step);
      meta.put("positions", state.positions);
      meta.put("vocab", vocab);
      meta.put("doublePrecision", state.doublePrecision);
      meta.put("stateFormat", state.doublePrecision ? FLOAT64 : FLOAT32);
      meta.put("config", JSON.readTree(config.toJson()));
      JSON.writeValue(tmp.resolve("checkpoint.json").toFile(), meta);
      try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp.resolve("state.bin")), 1 << 20))) {
        out.writeInt(state.params.length);
        for (double[] array : new double[][] {state.params, state.m, state.v})
          for (double x : array) {
            if (state.doublePrecision) out.writeDouble(x);
            else out.writeFloat((float) x); // exact: a float model's values are floats
          }
      }
      Path old = dir.resolveSibling(dir.getFileName() + ".old");
      deleteRecursively(old);
      if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  public static Checkpoint read(Path dir) {
    Path meta = dir.resolve("checkpoint.json");
    try {
      var node = JSON.readTree(meta.toFile());
      TrainConfig config = TrainConfig.fromJson(node.get("config").toString());
      long[] positions = JSON.convertValue(node.get("positions"), long[].class);
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(dir.resolve("state.bin")), 1 << 20))) {
        int n = in.readInt();
        int vocab = node.get("vocab").asInt();
        long expected = ParamLayout.of(config.gpt(vocab)).size();
        if (n != expected)
          throw new IllegalArgumentException("checkpoint " + dir + " holds " + n + " parameters, but the model its"
              + " checkpoint.json describes (" + config.modelShape() + ", vocab " + vocab + ") has " + expected
              + "; state.bin and checkpoint.json do not belong together");
        boolean float32 = FLOAT32.equals(node.path("stateFormat").asText(FLOAT64));
        double[][] arrays = new double[3][n];
        for (double[] array : arrays) for (int i = 0; i < n; i++) array[i] = float32 ? in.readFloat() : in.readDouble();
        ModelState state = new ModelState(node.get("step").asLong(), positions, arrays[0], arrays[1], arrays[2],
            node.get("doublePrecision").asBoolean());
        return new Checkpoint(config, vocab, state);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir + " (" + e.getMessage()
          + "); pass the checkpoint directory written by `train`, e.g. RUN/model/checkpoint", e);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
