package dev.corpusforge.fasttext;

/**
 * fastText's hierarchical softmax head: a Huffman tree over the labels by training count, built exactly as fastText
 * builds it (so the inner node of each output row is the same), and a label's probability is the product of the
 * sigmoids along its path.
 */
final class HierarchicalSoftmax {
  private final int osz;
  private final int[] left;
  private final int[] right;

  HierarchicalSoftmax(long[] counts) {
    osz = counts.length;
    int nodes = 2 * osz - 1;
    left = new int[nodes];
    right = new int[nodes];
    long[] count = new long[nodes];
    java.util.Arrays.fill(left, -1);
    java.util.Arrays.fill(right, -1);
    java.util.Arrays.fill(count, 1_000_000_000_000_000L);
    System.arraycopy(counts, 0, count, 0, osz);
    int leaf = osz - 1;
    int node = osz;
    for (int i = osz; i < nodes; i++) {
      int[] mini = new int[2];
      for (int j = 0; j < 2; j++) {
        if (leaf >= 0 && count[leaf] < count[node]) mini[j] = leaf--;
        else mini[j] = node++;
      }
      left[i] = mini[0];
      right[i] = mini[1];
      count[i] = count[mini[0]] + count[mini[1]];
    }
  }

  /** Every label's score as fastText reports it: the product over the path of (p + 1e-5), p the branch's sigmoid. */
  void predict(FastTextMatrix output, float[] hidden, float[] scores) {
    if (osz == 1) {
      scores[0] = 1f;
      return;
    }
    walk(output, hidden, 2 * osz - 2, 0f, scores);
  }

  private void walk(FastTextMatrix output, float[] hidden, int node, float logScore, float[] scores) {
    if (left[node] == -1 && right[node] == -1) {
      scores[node] = (float) Math.exp(logScore);
      return;
    }
    float f = output.dotRow(hidden, node - osz);
    f = (float) (1.0 / (1 + Math.exp(-f)));
    walk(output, hidden, left[node], logScore + FastTextModel.stdLog(1f - f), scores);
    walk(output, hidden, right[node], logScore + FastTextModel.stdLog(f), scores);
  }
}
