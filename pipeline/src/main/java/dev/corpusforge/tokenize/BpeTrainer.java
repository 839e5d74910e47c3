package dev.corpusforge.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns byte-level BPE merges from word counts, as the Hugging Face BpeTrainer does: pair counts weighted by word
 * frequency, a max-priority queue of pairs (count, then smaller pair first), and after each merge only the words
 * containing the merged pair are rewritten, their pair counts updated incrementally. Queue entries whose count went
 * stale are re-queued with the current count instead of being recomputed. Runs on the driver; words come from
 * {@link WordCounts} on Spark.
 */
public final class BpeTrainer {
  /** The result: token strings (byte-level alphabet) by id, and the merges in rank order. */
  public record Trained(List<String> vocab, List<String[]> merges, List<String> specialTokens) {}

  private BpeTrainer() {}

  private static long pair(int a, int b) { return ((long) a << 32) | b; }

  /**
   * @param words byte-level words (see {@link ByteLevel}) → count
   * @param vocabSize total size: 256 bytes + merges + special tokens (placed last)
   */
  public static Trained train(Map<String, Long> words, int vocabSize, long minFrequency, List<String> specialTokens) {
    int target = vocabSize - specialTokens.size();
    if (target < 256) throw new IllegalArgumentException("vocab size " + vocabSize + " leaves no room for the 256 bytes");
    List<String> vocab = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int b = 0; b < 256; b++) {
      vocab.add(String.valueOf(ByteLevel.charOf(b)));
      ids.put(vocab.get(b), b);
    }
    // Words in a fixed order, so that training is deterministic.
    List<String> keys = new ArrayList<>(words.keySet());
    keys.sort(null);
    int[][] symbols = new int[keys.size()][];
    long[] counts = new long[keys.size()];
    Map<Long, Long> pairCounts = new HashMap<>();
    Map<Long, java.util.Set<Integer>> where = new HashMap<>();
    for (int w = 0; w < keys.size(); w++) {
      String word = keys.get(w);
      symbols[w] = new int[word.length()];
      for (int i = 0; i < word.length(); i++) symbols[w][i] = ids.get(String.valueOf(word.charAt(i)));
      counts[w] = words.get(word);
      for (int i = 0; i + 1 < symbols[w].length; i++) {
        long p = pair(symbols[w][i], symbols[w][i + 1]);
        pairCounts.merge(p, counts[w], Long::sum);
        where.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(w);
      }
    }
    // Max count first; equal counts: the smaller pair first, as the Hugging Face trainer orders its queue.
    PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
    pairCounts.forEach((p, c) -> queue.add(new long[] {c, p}));
    List<String[]> merges = new ArrayList<>();
    while (vocab.size() < target && !queue.isEmpty()) {
      long[] top = queue.poll();
      long current = pairCounts.getOrDefault(top[1], 0L);
      if (current != top[0]) {
        if (current > 0) queue.add(new long[] {current, top[1]});
        continue;
      }
      if (current < Math.max(1, minFrequency)) break;
      int a = (int) (top[1] >>> 32);
      int b = (int) top[1];
      String merged = vocab.get(a) + vocab.get(b);
      Integer id = ids.get(merged);
      if (id == null) {
        id = vocab.size();
        vocab.add(merged);
        ids.put(merged, id);
      }
      merges.add(new String[] {vocab.get(a), vocab.get(b)});
      java.util.Set<Integer> affected = where.remove(top[1]);
      pairCounts.remove(top[1]);
      Map<Long, Long> changes = new HashMap<>();
      for (int w : affected) {
        int[] s = symbols[w];
        long c = counts[w];
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
          if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
            out[n++] = id;
            i++;
          } else {
            out[n++] = s[i];
          }
        }
        // The word's pairs before and after, weighted by its count: simple, and words are short.
        for (int i = 0; i + 1 < s.length; i++) changes.merge(pair(s[i], s[i + 1]), -c, Long::sum);
        for (int i = 0; i + 1 < n; i++) changes.merge(pair(out[i], out[i + 1]), c, Long::sum);
        symbols[w] = java.util.Arrays.copyOf(out, n);
        for (int i = 0; i + 1 < n; i++) {
          long p = pair(symbols[w][i], symbols[w][i + 1]);
          if (p != top[1]) where.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(w);
        }
      }
      for (var e : changes.entrySet()) {
        long p = e.getKey();
        if (p == top[1]) continue;
        long v = pairCounts.getOrDefault(p, 0L) + e.getValue();
        if (e.getValue() == 0) continue;
        if (v <= 0) {
          pairCounts.remove(p);
        } else {
          pairCounts.put(p, v);
          if (e.getValue() > 0) queue.add(new long[] {v, p});
        }
      }
    }
    for (String s : specialTokens) vocab.add(s);
    return new Trained(vocab, merges, specialTokens);
  }
}
