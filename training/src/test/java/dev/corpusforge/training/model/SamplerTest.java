package dev.corpusforge.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  @Test
  void topKNeverPicksOutsideTheKMostLikely() {
    double[] probs = {0.05, 0.4, 0.05, 0.3, 0.2};
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      int pick = Sampler.pick(probs, 1.0, 2, random);
      assertTrue(pick == 1 || pick == 3, "top-2 sampling picked " + pick);
    }
    assertEquals(1, Sampler.pick(probs, 0, 0, random), "temperature 0 is greedy");
  }
}
