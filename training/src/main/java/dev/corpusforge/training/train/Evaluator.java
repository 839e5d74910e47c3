package dev.corpusforge.training.train;

import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.StepWorkspace;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Validation loss: mean next-token cross-entropy (nats per token) over consecutive windows of context+1 tokens of the
 * validation split, from its start, each overlapping the next by one token (its last token is the next window's first
 * input), so that every validation token after the first is predicted exactly once and every run is scored on the
 * same tokens; perplexity = exp(loss).
 */
public final class Evaluator {
  /** The figures `evaluate` prints and writes to eval.json. */
  public record Result(long step, double loss, double perplexity, long tokens, double unigramEntropy) {}

  private Evaluator() {}

  public static Result evaluate(Gpt model, TokenSource val, int maxWindows, int batchSize, long step) {
    int window = model.config().context() + 1;
    long available = (val.length() - 1) / (window - 1) - 1;
    long windows = maxWindows > 0 ? Math.min(available, maxWindows) : available;
    if (windows < 1)
      throw new IllegalArgumentException("the validation split has " + val.length() + " tokens, fewer than one window of "
          + window + "; shard with a larger validation fraction or lower --context");
    double totalLoss = 0;
    long tokens = 0;
    for (long start = 0; start < windows; start += batchSize) {
      int n = (int) Math.min(batchSize, windows - start);
      int[][] batch = new int[n][window];
      for (int b = 0; b < n; b++) val.read((start + b) * (window - 1), batch[b], 0, window);
      try (MemoryWorkspace ignored = StepWorkspace.open()) {
        totalLoss += model.loss(batch) * n * (window - 1);
      }
      tokens += (long) n * (window - 1);
    }
    double loss = totalLoss / tokens;
    return new Result(step, loss, Math.exp(loss), tokens, unigramEntropy(val, windows * (window - 1) + 1));
  }

  /** Entropy (nats) of the token frequencies of the first {@code length} tokens: the loss of the best context-free model. */
  public static double unigramEntropy(TokenSource source, long length) {
    Map<Integer, Long> counts = new HashMap<>();
    int[] buffer = new int[8192];
    for (long start = 0; start < length; start += buffer.length) {
      int n = (int) Math.min(buffer.length, length - start);
      source.read(start, buffer, 0, n);
      for (int i = 0; i < n; i++) counts.merge(buffer[i], 1L, Long::sum);
    }
    double entropy = 0;
    for (long c : counts.values()) {
      double p = c / (double) length;
      entropy -= p * Math.log(p);
    }
    return entropy;
  }
}
