package dev.corpusforge.training.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Autoregressive decoding: temperature-scaled, top-k truncated sampling from the model's next-token distribution. */
public final class Sampler {
  private Sampler() {}

  /** Returns the prompt followed by up to {@code maxTokens} sampled ids (temperature 0 = greedy). */
  public static int[] generate(Gpt model, int[] prompt, int maxTokens, double temperature, int topK, long seed) {
    if (prompt.length == 0) throw new IllegalArgumentException("the prompt encodes to no tokens; give a non-empty --prompt");
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = Arrays.copyOf(prompt, prompt.length + maxTokens);
    int context = model.config().context();
    for (int n = prompt.length; n < tokens.length; n++) {
      int from = Math.max(0, n - context);
      INDArray probs = model.probabilities(new int[][] {Arrays.copyOfRange(tokens, from, n)});
      double[] next = probs.getRow(n - from - 1).toDoubleVector();
      probs.close(); // [time, vocab] per token: free it now rather than when the garbage collector gets to it
      tokens[n] = pick(next, temperature, topK, random);
    }
    return tokens;
  }

  static int pick(double[] probs, double temperature, int topK, SplittableRandom random) {
    Integer[] order = new Integer[probs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
    if (temperature <= 0) return order[0];
    int k = topK > 0 ? Math.min(topK, probs.length) : probs.length;
    double[] weights = new double[k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      // p^(1/T) renormalised equals softmax(logits / T)
      weights[i] = Math.pow(Math.max(probs[order[i]], 1e-300), 1.0 / temperature);
      total += weights[i];
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < k; i++) {
      u -= weights[i];
      if (u <= 0) return order[i];
    }
    return order[k - 1];
  }
}
