package dev.corpusforge.training.cli;

import dev.corpusforge.training.model.ParamLayout;
import dev.corpusforge.training.train.Checkpoint;


/** A checkpoint's parameters by name, as float32 arrays, in the trainer's layout or transposed. */
final class CheckpointTensors {
  final Checkpoint checkpoint;
  final ParamLayout layout;

  CheckpointTensors(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
    this.layout = ParamLayout.of(checkpoint.config.gpt(checkpoint.vocab));
  }

  ParamLayout.Slot slot(String name) {
    ParamLayout.Slot slot = layout.slots().get(name);
    if (slot == null) throw new IllegalArgumentException("no parameter named " + name);
    return slot;
  }

  /** Row-major values of one parameter as stored by the trainer ([in, out] for matrices applied as x W). */
  float[] values(String name) {
    ParamLayout.Slot slot = slot(name);
    float[] out = new float[Math.toIntExact(slot.length())];
    for (int i = 0; i < out.length; i++) out[i] = (float) checkpoint.state.params[(int) slot.offset() + i];
    return out;
  }

  /** A [rows, cols] parameter transposed to [cols, rows] (nn.Linear's [out, in]). */
  float[] transposed(String name) {
    ParamLayout.Slot slot = slot(name);
    int rows = (int) slot.shape()[0], cols = (int) slot.shape()[1];
    float[] in = values(name), out = new float[in.length];
    for (int r = 0; r < rows; r++)
      for (int c = 0; c < cols; c++) out[c * rows + r] = in[r * cols + c];
    return out;
  }

  /** The shape without the leading 1 of the trainer's [1, n] row vectors. */
  long[] shape(String name) {
    long[] shape = slot(name).shape();
    return shape[0] == 1 ? new long[] {shape[1]} : shape;
  }
}
