package dev.corpusforge.training.model;

import dev.corpusforge.training.model.ParamLayout.Init;
import dev.corpusforge.training.model.ParamLayout.Slot;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every parameter tensor of the model, named once, as a view into one flat vector (llm.c's ParameterTensors): the
 * forward and backward passes read these fields instead of looking tensors up by name. The constructor below is the
 * only declaration of the tensors: its order is the flat layout ({@link ParamLayout}) and the order of the
 * initialisation seeds, and each tensor states its shape and initialisation where it is declared. The same
 * declaration over the gradient vector gives the gradients' views. Matrices are [in, out] (applied as x W).
 */
public final class GptParams {
  /** One transformer block: LayerNorm, causal self-attention, LayerNorm, GELU MLP of 4x width. */
  public record Block(INDArray ln1g, INDArray ln1b, INDArray wqkv, INDArray bqkv, INDArray wo, INDArray bo,
      INDArray ln2g, INDArray ln2b, INDArray w1, INDArray b1, INDArray w2, INDArray b2) {}

  public final INDArray wte, wpe;
  public final List<Block> blocks;
  public final INDArray lnfg, lnfb;
  /** The [vocab, width] output projection: {@link #wte} itself when tied, the separate lmhead otherwise. */
  public final INDArray output;

  /** Views of every tensor inside {@code flat}, a vector laid out as {@link ParamLayout#of} says. */
  public static GptParams of(GptConfig config, INDArray flat) {
    return new GptParams(config, new Declaration(flat));
  }

  /** The tensors in layout order, without a vector behind them. */
  static List<Slot> declare(GptConfig config) {
    Declaration declaration = new Declaration(null);
    new GptParams(config, declaration);
    return declaration.slots;
  }

  private GptParams(GptConfig c, Declaration d) {
    long w = c.width();
    wte = d.tensor("wte", Init.NORMAL, c.vocab(), w);
    wpe = d.tensor("wpe", Init.POSITION, c.context(), w);
    List<Block> list = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      String h = "h" + l + ".";
      list.add(new Block( // arguments are evaluated left to right, so this is also the layout order
          d.tensor(h + "ln1g", Init.ONES, 1, w), d.tensor(h + "ln1b", Init.ZEROS, 1, w),
          d.tensor(h + "wqkv", Init.NORMAL, w, 3 * w), d.tensor(h + "bqkv", Init.ZEROS, 1, 3 * w),
          d.tensor(h + "wo", Init.RESIDUAL, w, w), d.tensor(h + "bo", Init.ZEROS, 1, w),
          d.tensor(h + "ln2g", Init.ONES, 1, w), d.tensor(h + "ln2b", Init.ZEROS, 1, w),
          d.tensor(h + "w1", Init.NORMAL, w, 4 * w), d.tensor(h + "b1", Init.ZEROS, 1, 4 * w),
          d.tensor(h + "w2", Init.RESIDUAL, 4 * w, w), d.tensor(h + "b2", Init.ZEROS, 1, w)));
    }
    blocks = List.copyOf(list);
    lnfg = d.tensor("lnfg", Init.ONES, 1, w);
    lnfb = d.tensor("lnfb", Init.ZEROS, 1, w);
    // last, so that the other tensors keep their offsets and initialisation seeds whether tied or not
    output = c.tieEmbedding() ? wte : d.tensor(ParamLayout.UNTIED_OUTPUT, Init.NORMAL, c.vocab(), w);
  }

  /** Hands out consecutive slices of a flat vector (or, without one, only records them). */
  private static final class Declaration {
    final INDArray flat;
    final List<Slot> slots = new ArrayList<>();
    long offset;

    Declaration(INDArray flat) {
      this.flat = flat;
    }

    INDArray tensor(String name, Init init, long... shape) {
      Slot slot = new Slot(name, offset, shape, init);
      slots.add(slot);
      offset += slot.length();
      return flat == null ? null : ParamLayout.view(flat, slot);
    }
  }
}
