package dev.corpusforge.training.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each parameter lives in the one flat parameter vector (and, identically, in the gradient and the Adam moment
 * vectors), as {@link GptParams} declares them. One flat vector makes averaging, clipping by global norm, AdamW and
 * checkpoints single array ops. Vectors are stored as [1, n] rows so that ND4J's row-vector broadcasts apply. The
 * names are what checkpoints, exports and tests address tensors by; the model itself reads {@link GptParams}' fields.
 */
public final class ParamLayout {
  /** How GPT-2 initialises a tensor (nanoGPT's _init_weights); the drawn ones are those AdamW decays. */
  public enum Init {
    /** LayerNorm gains. */
    ONES,
    /** Biases and LayerNorm shifts. */
    ZEROS,
    /** N(0, initStd): the token embedding, the QKV and MLP input matrices, an untied output matrix. */
    NORMAL,
    /** N(0, initStd / 2): GPT-2 draws position embeddings with std 0.01, half the 0.02 of the other matrices. */
    POSITION,
    /** N(0, initStd / sqrt(2 layers)): the projections that write into the residual stream (GPT-2, section 2.3). */
    RESIDUAL;

    public boolean decayed() {
      return this != ONES && this != ZEROS;
    }
  }

  /** A parameter: its slice of the flat vector, its shape, and its initialisation. */
  public record Slot(String name, long offset, long[] shape, Init init) {
    public long length() {
      long n = 1;
      for (long s : shape) n *= s;
      return n;
    }

    /** Whether AdamW applies weight decay: matrices and embeddings, not gains and biases (GPT-3, llm.c). */
    public boolean decayed() {
      return init.decayed();
    }
  }

  /** The separate [vocab, width] output matrix of an untied model (nanoGPT's lm_head.weight: logits = x lmhead^T). */
  public static final String UNTIED_OUTPUT = "lmhead";

  private final Map<String, Slot> slots;
  private final long size;
  private final String output;

  private ParamLayout(Map<String, Slot> slots, boolean tied) {
    this.slots = Collections.unmodifiableMap(slots);
    this.size = slots.values().stream().mapToLong(Slot::length).sum();
    this.output = tied ? "wte" : UNTIED_OUTPUT;
  }

  public static ParamLayout of(GptConfig config) {
    Map<String, Slot> slots = new LinkedHashMap<>();
    for (Slot slot : GptParams.declare(config)) slots.put(slot.name(), slot);
    return new ParamLayout(slots, config.tieEmbedding());
  }

  /** The [vocab, width] matrix the logits are computed with: "wte" when tied, {@link #UNTIED_OUTPUT} otherwise. */
  public String output() {
    return output;
  }

  public long size() {
    return size;
  }

  /** The slots in flat-vector order. */
  public Map<String, Slot> slots() {
    return slots;
  }

  /** A view (not a copy) of one parameter inside a flat vector laid out by this layout. */
  public INDArray view(INDArray flat, String name) {
    Slot slot = slots.get(name);
    if (slot == null) throw new IllegalArgumentException("no parameter named " + name);
    return view(flat, slot);
  }

  static INDArray view(INDArray flat, Slot slot) {
    return flat.get(NDArrayIndex.interval(slot.offset(), slot.offset() + slot.length())).reshape('c', slot.shape());
  }

  /** 1 where AdamW applies weight decay, 0 elsewhere. */
  public INDArray decayMask(DataType type) {
    INDArray mask = Nd4j.zeros(type, size);
    for (Slot slot : slots.values()) if (slot.decayed()) view(mask, slot).assign(1);
    return mask;
  }
}
