package dev.corpusforge.training.model;

import dev.corpusforge.training.train.LearningRateSchedule;
import dev.corpusforge.training.train.TrainConfig;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW (Loshchilov & Hutter 2019) on the flat parameter vector, after clipping the gradient to a maximum global L2
 * norm (torch.nn.utils.clip_grad_norm_). Weight decay is decoupled (p -= lr * wd * p) and applies only where the
 * decay mask is 1 (matrices and embeddings, not biases or LayerNorm gains), as in GPT-2/3 and llm.c. The moments
 * m and v are the updater state that checkpoints save and parameter averaging averages.
 */
public final class AdamW {
  private final TrainConfig config;
  private final LearningRateSchedule schedule;
  private final INDArray decayMask;
  private final INDArray m;
  private final INDArray v;

  public AdamW(TrainConfig config, INDArray decayMask, INDArray m, INDArray v) {
    this.config = config;
    this.schedule = LearningRateSchedule.of(config);
    this.decayMask = decayMask;
    this.m = m;
    this.v = v;
  }

  public static AdamW fresh(TrainConfig config, INDArray decayMask) {
    return new AdamW(config, decayMask, Nd4j.zerosLike(decayMask), Nd4j.zerosLike(decayMask));
  }

  public INDArray m() { return m; }
  public INDArray v() { return v; }

  /** One update of step {@code step} (0-based); clips {@code grads} in place. Returns the gradient norm before clipping. */
  public double step(INDArray params, INDArray grads, long step) {
    try (MemoryWorkspace ignored = StepWorkspace.open()) {
      return scopedStep(params, grads, step);
    }
  }

  /** {@link #step} inside the step workspace; params, grads, m and v live outside it and are updated in place. */
  private double scopedStep(INDArray params, INDArray grads, long step) {
    double norm = grads.norm2Number().doubleValue();
    if (config.gradClip > 0 && norm > config.gradClip) grads.muli(config.gradClip / (norm + 1e-6));
    double lr = schedule.at(step);
    long t = step + 1;
    m.muli(config.beta1).addi(grads.mul(1 - config.beta1));
    v.muli(config.beta2).addi(grads.mul(grads).muli(1 - config.beta2));
    INDArray mHat = m.div(1 - Math.pow(config.beta1, t));
    INDArray vHat = v.div(1 - Math.pow(config.beta2, t));
    INDArray update = mHat.divi(Transforms.sqrt(vHat, false).addi(config.epsilon));
    update.addi(params.mul(decayMask).muli(config.weightDecay));
    params.subi(update.muli(lr));
    return norm;
  }

  public double learningRate(long step) {
    return schedule.at(step);
  }
}
