package dev.corpusforge.training.model;

import dev.corpusforge.training.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each named parameter lives in the one flat parameter vector (and, identically, in the gradient and the Adam
 * moment vectors). One flat vector makes averaging, clipping by global norm, AdamW and checkpoints single array ops.
 * Vectors are stored as [1, n] rows so that ND4J's row-vector broadcasts apply.
 */
public final class ParamLayout {
  /** A parameter: its slice of the flat vector, its shape, and whether AdamW decays it (matrices, not gains/biases). */
  public record Slot(String name, long offset, long[] shape, boolean decayed) {
    public long length() {
      long n = 1;
      for (long s : shape) n *= s;
      return n;
    }
  }

  /** The separate [vocab, width] output matrix of an untied model (nanoGPT's lm_head.weight: logits = x lmhead^T). */
  public static final String UNTIED_OUTPUT = "lmhead";

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private long size;
  private String output;

  public static ParamLayout of(TrainConfig c, int vocab) {
    ParamLayout layout = new ParamLayout();
    long w = c.width;
    layout.add("wte", true, vocab, w);
    layout.add("wpe", true, c.context, w);
    for (int l = 0; l < c.layers; l++) {
      String p = "h" + l + ".";
      layout.add(p + "ln1g", false, 1, w);
      layout.add(p + "ln1b", false, 1, w);
      layout.add(p + "wqkv", true, w, 3 * w);
      layout.add(p + "bqkv", false, 1, 3 * w);
      layout.add(p + "wo", true, w, w);
      layout.add(p + "bo", false, 1, w);
      layout.add(p + "ln2g", false, 1, w);
      layout.add(p + "ln2b", false, 1, w);
      layout.add(p + "w1", true, w, 4 * w);
      layout.add(p + "b1", false, 1, 4 * w);
      layout.add(p + "w2", true, 4 * w, w);
      layout.add(p + "b2", false, 1, w);
    }
    layout.add("lnfg", false, 1, w);
    layout.add("lnfb", false, 1, w);
    // last, so that the other slots keep their offsets and initialisation seeds whether tied or not
    if (!c.tieEmbedding) layout.add(UNTIED_OUTPUT, true, vocab, w);
    layout.output = c.tieEmbedding ? "wte" : UNTIED_OUTPUT;
    return layout;
  }

  private void add(String name, boolean decayed, long... shape) {
    Slot slot = new Slot(name, size, shape, decayed);
    slots.put(name, slot);
    size += slot.length();
  }

  /** The [vocab, width] matrix the logits are computed with: "wte" when tied, {@link #UNTIED_OUTPUT} otherwise. */
  public String output() {
    return output;
  }

  public long size() {
    return size;
  }

  public Map<String, Slot> slots() {
    return slots;
  }

  /** A view (not a copy) of one parameter inside a flat vector laid out by this layout. */
  public INDArray view(INDArray flat, String name) {
    Slot slot = slots.get(name);
    if (slot == null) throw new IllegalArgumentException("no parameter named " + name);
    return flat.get(NDArrayIndex.interval(slot.offset(), slot.offset() + slot.length())).reshape('c', slot.shape());
  }

  /** 1 where AdamW applies weight decay, 0 elsewhere. */
  public INDArray decayMask(DataType type) {
    INDArray mask = Nd4j.zeros(type, size);
    for (Slot slot : slots.values())
      if (slot.decayed()) mask.get(NDArrayIndex.interval(slot.offset(), slot.offset() + slot.length())).assign(1);
    return mask;
  }
}
