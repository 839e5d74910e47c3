package dev.corpusforge.training.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** LayerNorm over the rows of [n, width], forward with its cache and backward (llm.c's layernorm_forward/backward). */
final class LayerNorm {
  /** Variance epsilon (GPT-2 / PyTorch default). */
  static final double EPS = 1e-5;

  final INDArray normalized;
  final INDArray rstd;

  private LayerNorm(INDArray normalized, INDArray rstd) {
    this.normalized = normalized;
    this.rstd = rstd;
  }

  static LayerNorm normalize(INDArray x) {
    INDArray centered = x.subColumnVector(x.mean(true, 1));
    INDArray rstd = Transforms.pow(centered.mul(centered).mean(true, 1).addi(EPS), -0.5, false);
    return new LayerNorm(centered.muliColumnVector(rstd), rstd);
  }

  INDArray output(INDArray gain, INDArray bias) {
    return normalized.mulRowVector(gain).addiRowVector(bias);
  }

  /** Accumulates the gain and bias gradients; returns the gradient of the input. */
  INDArray backward(INDArray dOut, INDArray gain, INDArray dGain, INDArray dBias) {
    dGain.addi(dOut.mul(normalized).sum(true, 0));
    dBias.addi(dOut.sum(true, 0));
    INDArray dNorm = dOut.mulRowVector(gain);
    INDArray meanD = dNorm.mean(true, 1);
    INDArray meanDN = dNorm.mul(normalized).mean(true, 1);
    return dNorm.subiColumnVector(meanD).subi(normalized.mulColumnVector(meanDN)).muliColumnVector(rstd);
  }
}
