package dev.corpusforge.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardManifestTest {
  @TempDir Path dir;

  private static ShardManifest sample() throws IOException {
    ShardManifest m = new ShardManifest();
    m.tokenizer.name = "r50k_base";
    m.tokenizer.kind = "tiktoken";
    m.tokenizer.vocabSize = 50257;
    m.tokenizer.sha256 = "ab".repeat(32);
    m.dtype = "uint16";
    m.endOfText = 50256;
    m.seed = 1234;
    m.config = new ObjectMapper().readTree("{\"format\":\"megatron\",\"valFraction\":0.01}");
    ShardManifest.Shard s = new ShardManifest.Shard();
    s.split = ShardManifest.TRAIN;
    s.format = ShardManifest.MEGATRON;
    s.path = "train/shard-00000.bin";
    s.index = "train/shard-00000.idx";
    s.documents = 2;
    s.tokens = 5;
    s.sha256 = "cd".repeat(32);
    m.shards.add(s);
    ShardManifest.SourceTotals t = new ShardManifest.SourceTotals();
    t.weight = 1.0;
    t.documentsIn = 2;
    t.tokensIn = 5;
    t.documents = 2;
    t.tokens = 5;
    t.trainTokens = 5;
    m.sources.put("web", t);
    return m;
  }

  @Test
  void roundTripsThroughJson() throws IOException {
    ShardManifest m = sample();
    Path file = dir.resolve(ShardManifest.FILE_NAME);
    m.write(file);
    ShardManifest back = ShardManifest.read(file);
    assertEquals(m.toJson(), back.toJson());
    assertEquals(5, back.tokens(ShardManifest.TRAIN));
    assertEquals(0, back.tokens(ShardManifest.VAL));
    assertEquals(TokenDType.UINT16, back.tokenDType());
    assertEquals(0.01, back.config.get("valFraction").asDouble());
  }

  @Test
  void opensItsShardsRelativeToTheManifest() throws IOException {
    ShardManifest m = sample();
    Files.createDirectories(dir.resolve("train"));
    try (OutputStream bin = Files.newOutputStream(dir.resolve("train/shard-00000.bin"));
         OutputStream idx = Files.newOutputStream(dir.resolve("train/shard-00000.idx"));
         var w = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.UINT16)) {
      w.add(new int[] {1, 50256, 2, 3, 50256}, 0, 2);
      w.endDocument();
      w.add(new int[] {2, 3, 50256}, 0, 3);
      w.endDocument();
    }
    try (TokenShardReader r = ShardManifest.open(dir, m.shards.get(0))) {
      assertEquals(5, r.tokenCount());
      assertEquals(50256, r.token(4));
    }
  }
}
