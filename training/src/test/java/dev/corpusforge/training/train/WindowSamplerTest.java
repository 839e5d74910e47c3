package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowSamplerTest {
  /** Token i is i, so a window's first token is its offset in the stream. */
  private static final TokenSource COUNTING = TokenSource.of(IntStream.range(0, 10_000).toArray());

  @Test
  void windowsAreConsecutiveTokensOfContextPlusOne() {
    int[][] batch = new WindowSampler(COUNTING, 15, 0, 1, 3).next(4);
    for (int[] w : batch) {
      assertEquals(16, w.length);
      for (int t = 1; t < w.length; t++) assertEquals(w[0] + t, w[t]);
    }
  }

  @Test
  void workersDrawDisjointWindowsWithinAnEpoch() {
    int workers = 3;
    Set<Integer> starts = new HashSet<>();
    long perWorker = new WindowSampler(COUNTING, 15, 0, workers, 3).windowsPerEpoch();
    for (int w = 0; w < workers; w++) {
      WindowSampler sampler = new WindowSampler(COUNTING, 15, w, workers, 3);
      for (int[] window : sampler.next((int) perWorker))
        assertTrue(starts.add(window[0]), "window at " + window[0] + " drawn twice (worker " + w + ")");
    }
    assertEquals(workers * perWorker, starts.size());
  }

  @Test
  void seekingToAPositionResumesTheSameSequence() {
    WindowSampler straight = new WindowSampler(COUNTING, 15, 1, 2, 9);
    straight.next(700); // crosses into the third epoch (312 windows per worker)
    int[][] expected = straight.next(5);
    WindowSampler resumed = new WindowSampler(COUNTING, 15, 1, 2, 9);
    resumed.seek(700);
    assertArrayEquals(expected, resumed.next(5));
  }

  @Test
  void epochsUseDifferentOrders() {
    WindowSampler sampler = new WindowSampler(COUNTING, 15, 0, 1, 4);
    long n = sampler.windowsPerEpoch();
    int[][] first = sampler.next((int) n);
    int[][] second = sampler.next((int) n);
    assertTrue(IntStream.range(0, (int) n).anyMatch(i -> first[i][0] != second[i][0]));
  }

  @Test
  void shardTokensReadsTheManifestSplitsMemoryMapped(@TempDir Path run) throws Exception {
    Path manifest = SyntheticShards.write(run, 32, 5000, 700);
    try (ShardTokens train = new ShardTokens(manifest, "train"); ShardTokens val = new ShardTokens(manifest, "val")) {
      assertEquals(5000, train.length());
      assertEquals(700, val.length());
      int[] expected = SyntheticShards.markovTokens(5000, 32, 1);
      int[] read = new int[100];
      train.read(4900, read, 0, 100);
      assertArrayEquals(java.util.Arrays.copyOfRange(expected, 4900, 5000), read);
    }
  }
}
