package dev.corpusforge.training.cli;

import dev.corpusforge.training.train.Checkpoint;
import dev.corpusforge.training.train.TrainConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkpoint as llm.c's float32 GPT-2 model file, the layout {@code write_model} in karpathy/llm.c train_gpt2.py
 * writes and {@code gpt2_build_from_checkpoint} in train_gpt2.c reads:
 * <pre>
 *   header   256 little-endian int32: [0] magic 20240326, [1] version 3 (float32, padded vocab), [2] max sequence
 *            length, [3] vocab, [4] layers, [5] heads, [6] channels, [7] padded vocab (vocab rounded up to 128),
 *            the rest 0
 *   wte      [padded vocab, C], rows past the vocab 0;  wpe [T, C]
 *   then each of these for all layers before the next: ln1w, ln1b [C]; qkvw [3C, C]; qkvb [3C]; attprojw [C, C];
 *            attprojb [C]; ln2w, ln2b [C]; fcw [4C, C]; fcb [4C]; fcprojw [C, 4C]; fcprojb [C]
 *   lnfw, lnfb [C]
 * </pre>
 * llm.c's matrices are nn.Linear's [out, in], the transpose of the trainer's [in, out]. llm.c always ties the output
 * projection to wte, so an untied model does not fit this layout (export it with --format hf).
 */
public final class LlmcExport {
  public static final String FILE_NAME = "model.bin";
  static final int MAGIC = 20240326;
  static final int VERSION_FLOAT32_PADDED = 3;
  /** train_gpt2.py's pad_vocab multiple. */
  static final int VOCAB_MULTIPLE = 128;

  private LlmcExport() {}

  public static Path write(Checkpoint checkpoint, Path out) throws IOException {
    TrainConfig c = checkpoint.config;
    if (!c.tieEmbedding)
      throw new IllegalArgumentException("llm.c's GPT-2 ties the output projection to the token embedding, this model"
          + " has a separate one (trained with --no-tie-embedding); export it with --format hf instead");
    Files.createDirectories(out);
    Path file = out.resolve(FILE_NAME);
    CheckpointTensors tensors = new CheckpointTensors(checkpoint);
    int vocab = checkpoint.vocab;
    int padded = (vocab + VOCAB_MULTIPLE - 1) / VOCAB_MULTIPLE * VOCAB_MULTIPLE;
    ByteBuffer header = ByteBuffer.allocate(256 * 4).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(MAGIC).putInt(VERSION_FLOAT32_PADDED).putInt(c.context).putInt(vocab).putInt(c.layers)
        .putInt(c.heads).putInt(c.width).putInt(padded);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      os.write(header.array());
      Safetensors.writeFloats(os, tensors.values("wte"));
      Safetensors.writeFloats(os, new float[(padded - vocab) * c.width]);
      Safetensors.writeFloats(os, tensors.values("wpe"));
      String[][] perLayer = {{"ln1g", ""}, {"ln1b", ""}, {"wqkv", "T"}, {"bqkv", ""}, {"wo", "T"}, {"bo", ""},
          {"ln2g", ""}, {"ln2b", ""}, {"w1", "T"}, {"b1", ""}, {"w2", "T"}, {"b2", ""}};
      for (String[] param : perLayer)
        for (int l = 0; l < c.layers; l++) {
          String name = "h" + l + "." + param[0];
          Safetensors.writeFloats(os, param[1].isEmpty() ? tensors.values(name) : tensors.transposed(name));
        }
      Safetensors.writeFloats(os, tensors.values("lnfg"));
      Safetensors.writeFloats(os, tensors.values("lnfb"));
    }
    return file;
  }
}
