package dev.corpusforge.training.train;


/**
 * Linear warmup to the peak over the first warmup steps, then cosine decay to the floor at the last step
 * (GPT-3 appendix B; nanoGPT's get_lr). Steps count from 0.
 */
public record LearningRateSchedule(double peak, double min, int warmup, int total) {

  public static LearningRateSchedule of(TrainConfig c) {
    return new LearningRateSchedule(c.learningRate, c.learningRate * c.minLearningRateFraction, c.warmupSteps, c.maxSteps);
  }

  public double at(long step) {
    if (step < warmup) return peak * (step + 1) / warmup;
    double progress = Math.min(1.0, (step - warmup) / (double) Math.max(1, total - warmup));
    return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
  }
}
