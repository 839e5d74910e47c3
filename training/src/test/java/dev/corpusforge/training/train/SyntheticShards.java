package dev.corpusforge.training.train;

import dev.corpusforge.shards.MegatronIndexedDataset;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.shards.TokenDType;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A run directory with Megatron shards of a synthetic language and its manifest: a first-order Markov chain over the
 * vocabulary where each token is followed by one of two successors (conditional entropy ln 2 ~ 0.69 nats), while the
 * unigram distribution is near uniform (~ln vocab). A model that learns must get well below the unigram entropy.
 */
public final class SyntheticShards {
  private SyntheticShards() {}

  public static int[] markovTokens(int count, int vocab, long seed) {
    return markovTokens(count, vocab, seed, 7);
  }

  /** The chain whose second successor of t is 5t + 1 + jump (mod vocab); chains of different jumps share the first. */
  public static int[] markovTokens(int count, int vocab, long seed, int jump) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = new int[count];
    for (int i = 1; i < count; i++) tokens[i] = (tokens[i - 1] * 5 + 1 + random.nextInt(2) * jump) % vocab;
    return tokens;
  }

  /** Writes RUN/shards/{train,val}.bin/.idx and manifest.json (tokenizer r50k_base named, vocab as given). */
  public static Path write(Path runDir, int vocab, int trainTokens, int valTokens) throws Exception {
    return write(runDir, vocab, trainTokens, valTokens, 7);
  }

  /** {@link #write(Path, int, int, int)} for the chain of {@link #markovTokens(int, int, long, int)} with this jump. */
  public static Path write(Path runDir, int vocab, int trainTokens, int valTokens, int jump) throws Exception {
    Path shards = Files.createDirectories(runDir.resolve("shards"));
    ShardManifest manifest = new ShardManifest();
    manifest.tokenizer.name = "r50k_base";
    manifest.tokenizer.kind = "tiktoken";
    manifest.tokenizer.vocabSize = vocab;
    manifest.dtype = "uint16";
    manifest.endOfText = 0;
    int[][] splits = {markovTokens(trainTokens, vocab, 1, jump), markovTokens(valTokens, vocab, 2, jump)};
    String[] names = {ShardManifest.TRAIN, ShardManifest.VAL};
    for (int s = 0; s < 2; s++) {
      try (OutputStream bin = Files.newOutputStream(shards.resolve(names[s] + ".bin"));
           OutputStream idx = Files.newOutputStream(shards.resolve(names[s] + ".idx"));
           MegatronIndexedDataset.Writer writer = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.UINT16)) {
        writer.add(splits[s], 0, splits[s].length);
        writer.endDocument();
      }
      ShardManifest.Shard shard = new ShardManifest.Shard();
      shard.split = names[s];
      shard.format = ShardManifest.MEGATRON;
      shard.path = names[s] + ".bin";
      shard.index = names[s] + ".idx";
      shard.documents = 1;
      shard.tokens = splits[s].length;
      manifest.shards.add(shard);
    }
    manifest.write(shards.resolve(ShardManifest.FILE_NAME));
    return shards.resolve(ShardManifest.FILE_NAME);
  }
}
