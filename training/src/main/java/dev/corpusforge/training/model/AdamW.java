package dev.corpusforge.training.model;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW (Loshchilov & Hutter 2019) on the flat parameter vector, after clipping the gradient to a maximum global L2
 * norm (torch.nn.utils.clip_grad_norm_). Weight decay is decoupled (p -= lr * wd * p) and applies only where the
 * decay mask is 1 (matrices and embeddings, not biases or LayerNorm gains), as in GPT-2/3 and llm.c. The moments
 * m and v are the updater state that checkpoints save and parameter averaging averages. Its temporaries go to the
 * active workspace: call {@link #step} inside the training step's {@link StepWorkspace#open()} scope.
 */
public final class AdamW {
  /** The optimizer's constants; the training config holds their defaults and sources. */
  public record Settings(double beta1, double beta2, double epsilon, double weightDecay, double gradClip)
      implements Serializable {}

  private final Settings settings;
  private final INDArray decayMask;
  private final INDArray m;
  private final INDArray v;

  public AdamW(Settings settings, INDArray decayMask, INDArray m, INDArray v) {
    this.settings = settings;
    this.decayMask = decayMask;
    this.m = m;
    this.v = v;
  }

  public static AdamW fresh(Settings settings, INDArray decayMask) {
    return new AdamW(settings, decayMask, Nd4j.zerosLike(decayMask), Nd4j.zerosLike(decayMask));
  }

  public INDArray m() { return m; }
  public INDArray v() { return v; }

  /**
   * Update number {@code step} (0-based, for the bias corrections) at learning rate {@code lr}; clips {@code grads} in
   * place. Returns the gradient norm before clipping.
   */
  public double step(INDArray params, INDArray grads, long step, double lr) {
    Settings s = settings;
    double norm = grads.norm2Number().doubleValue();
    if (s.gradClip() > 0 && norm > s.gradClip()) grads.muli(s.gradClip() / (norm + 1e-6));
    long t = step + 1;
    m.muli(s.beta1()).addi(grads.mul(1 - s.beta1()));
    v.muli(s.beta2()).addi(grads.mul(grads).muli(1 - s.beta2()));
    INDArray mHat = m.div(1 - Math.pow(s.beta1(), t));
    INDArray vHat = v.div(1 - Math.pow(s.beta2(), t));
    INDArray update = mHat.divi(Transforms.sqrt(vHat, false).addi(s.epsilon()));
    update.addi(params.mul(decayMask).muli(s.weightDecay()));
    params.subi(update.muli(lr));
    return norm;
  }
}
