package dev.corpusforge.training.model.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The graph pieces the SameDiff layers share, written out op by op so that they are exactly Gpt's formulas. */
final class SameDiffOps {
  /** Gpt's LayerNorm epsilon. */
  private static final double EPS = 1e-5;
  private static final double GELU_K = Math.sqrt(2 / Math.PI);
  private static final double GELU_C = 0.044715;

  private SameDiffOps() {}

  /** LayerNorm over the last axis of [batch, time, width] with gain and bias of shape [1, width]. */
  static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias) {
    SDVariable centered = x.sub(x.mean(true, 2));
    SDVariable rstd = sd.math.rsqrt(centered.mul(centered).mean(true, 2).add(EPS));
    return centered.mul(rstd).mul(gain).add(bias);
  }

  /** GELU, GPT-2's tanh approximation (ND4J's built-in gelu is the sigmoid one). */
  static SDVariable gelu(SameDiff sd, SDVariable u) {
    SDVariable inner = u.mul(u).mul(GELU_C).add(1).mul(u).mul(GELU_K);
    return sd.math.tanh(inner).add(1).mul(u).mul(0.5);
  }
}
