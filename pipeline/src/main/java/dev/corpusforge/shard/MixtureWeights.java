package dev.corpusforge.shard;

import java.util.Map;
import java.util.TreeMap;

/**
 * Per-source sampling ratios from mixture weights, following Megatron-LM's blended datasets: a source's weight is the
 * fraction of the output's tokens it should supply. With T the input's total tokens and T_s a source's, the source is
 * sampled at ratio r_s = w_s * T / T_s: r_s &gt; 1 repeats its documents (floor(r_s) times each, plus one more time for
 * a hashed fraction r_s - floor(r_s) of them), r_s &lt; 1 keeps a hashed fraction r_s. The output keeps about T tokens.
 */
public final class MixtureWeights {
  private MixtureWeights() {}

  /**
   * Ratios for the sources present. {@code weights} empty means natural proportions (every ratio 1); otherwise the
   * weights of the sources present are normalised to sum 1 and sources absent from the map get 0.
   */
  public static TreeMap<String, Double> ratios(Map<String, Double> weights, Map<String, Long> sourceTokens) {
    TreeMap<String, Double> ratios = new TreeMap<>();
    if (weights.isEmpty()) {
      sourceTokens.keySet().forEach(s -> ratios.put(s, 1.0));
      return ratios;
    }
    for (var e : weights.entrySet()) {
      if (e.getValue() < 0) throw new IllegalArgumentException("shard.weights." + e.getKey() + " is negative: " + e.getValue());
    }
    double weightSum = 0;
    long total = 0;
    for (var e : sourceTokens.entrySet()) {
      weightSum += weights.getOrDefault(e.getKey(), 0.0);
      total += e.getValue();
    }
    if (weightSum <= 0) {
      throw new IllegalArgumentException("shard.weights " + weights + " give no weight to any source present "
          + sourceTokens.keySet() + "; name at least one of them");
    }
    for (var e : sourceTokens.entrySet()) {
      double w = weights.getOrDefault(e.getKey(), 0.0) / weightSum;
      ratios.put(e.getKey(), e.getValue() == 0 ? 0.0 : w * total / e.getValue());
    }
    return ratios;
  }

  /** The normalised weights actually used (natural proportions when none are configured). */
  public static TreeMap<String, Double> normalised(Map<String, Double> weights, Map<String, Long> sourceTokens) {
    TreeMap<String, Double> out = new TreeMap<>();
    long total = sourceTokens.values().stream().mapToLong(Long::longValue).sum();
    double sum = sourceTokens.keySet().stream().mapToDouble(s -> weights.getOrDefault(s, 0.0)).sum();
    for (var e : sourceTokens.entrySet()) {
      out.put(e.getKey(), weights.isEmpty() ? (total == 0 ? 0 : (double) e.getValue() / total)
          : weights.getOrDefault(e.getKey(), 0.0) / sum);
    }
    return out;
  }
}
