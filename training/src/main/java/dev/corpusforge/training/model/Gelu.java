package dev.corpusforge.training.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** GELU, tanh approximation as in GPT-2: 0.5 u (1 + tanh(sqrt(2/pi) (u + 0.044715 u^3))), and its derivative. */
final class Gelu {
  private static final double K = Math.sqrt(2 / Math.PI);
  private static final double C = 0.044715;

  private Gelu() {}

  static INDArray forward(INDArray u) {
    INDArray t = Transforms.tanh(u.mul(u).muli(C).addi(1).muli(u).muli(K), false);
    return t.addi(1).muli(u).muli(0.5);
  }

  /** dL/du = dL/da * (0.5 (1 + tanh s) + 0.5 u (1 - tanh^2 s) K (1 + 3C u^2)). */
  static INDArray backward(INDArray u, INDArray dA) {
    INDArray u2 = u.mul(u);
    INDArray t = Transforms.tanh(u2.mul(C).addi(1).muli(u).muli(K), false);
    INDArray sech2 = t.mul(t).rsubi(1);
    INDArray local = sech2.muli(u).muli(0.5 * K).muli(u2.muli(3 * C).addi(1)).addi(t.addi(1).muli(0.5));
    return local.muli(dA);
  }
}
