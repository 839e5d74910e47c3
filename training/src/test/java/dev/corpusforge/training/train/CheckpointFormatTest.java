package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.bin holds float32 for float models, float64 for double ones, and checkpoints from before the format field read as float64. */
class CheckpointFormatTest {
  private static final int VOCAB = 11;

  @Test
  void floatModelsAreStoredAsFloat32AndReadBackExactly(@TempDir Path dir) throws Exception {
    TrainConfig c = TinyModels.tiny(false);
    ModelState state = LocalTrainer.initialState(c, VOCAB, 1);
    new Checkpoint(c, VOCAB, state).write(dir);
    int n = state.params.length;
    assertEquals(4L + 3L * n * Float.BYTES, Files.size(dir.resolve("state.bin")));
    ModelState read = Checkpoint.read(dir).state;
    assertArrayEquals(state.params, read.params);
    assertArrayEquals(state.m, read.m);
    assertArrayEquals(state.v, read.v);
  }

  @Test
  void doubleModelsKeepFloat64(@TempDir Path dir) throws Exception {
    TrainConfig c = TinyModels.tiny(true);
    ModelState state = LocalTrainer.initialState(c, VOCAB, 1);
    new Checkpoint(c, VOCAB, state).write(dir);
    assertEquals(4L + 3L * state.params.length * Double.BYTES, Files.size(dir.resolve("state.bin")));
    assertArrayEquals(state.params, Checkpoint.read(dir).state.params);
  }

  @Test
  void aCheckpointWithoutTheFormatFieldIsReadAsFloat64(@TempDir Path dir) throws Exception {
    TrainConfig c = TinyModels.tiny(false);
    ModelState state = LocalTrainer.initialState(c, VOCAB, 1);
    new Checkpoint(c, VOCAB, state).write(dir);
    ObjectMapper json = new ObjectMapper();
    ObjectNode meta = (ObjectNode) json.readTree(dir.resolve("checkpoint.json").toFile());
    meta.remove("stateFormat");
    json.writeValue(dir.resolve("checkpoint.json").toFile(), meta);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("state.bin")))) {
      out.writeInt(state.params.length);
      for (double[] array : new double[][] {state.params, state.m, state.v}) for (double x : array) out.writeDouble(x);
    }
    assertArrayEquals(state.params, Checkpoint.read(dir).state.params);
  }
}
