package dev.corpusforge.training.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.shards.ShardManifest;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
  @Test
  void tiktokenEncodingFromTheManifestRoundTrips() {
    ShardManifest.Tokenizer tokenizer = new ShardManifest.Tokenizer();
    tokenizer.name = "r50k_base";
    tokenizer.kind = "tiktoken";
    TokenCodec codec = TokenCodec.of(tokenizer, Path.of("."));
    int[] ids = codec.encode("Hello world");
    assertEquals(2, ids.length, "GPT-2's BPE encodes 'Hello world' as two tokens");
    assertEquals("Hello world", codec.decode(ids));
  }

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
