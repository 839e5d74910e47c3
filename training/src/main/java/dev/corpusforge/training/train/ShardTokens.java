package dev.corpusforge.training.train;

import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.shards.TokenShardReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory-mapped shards of one split of a manifest, read as one concatenated token stream (documents are already
 * separated by end-of-text tokens, so windows may cross documents and shards, as in GPT-2 pretraining).
 */
public final class ShardTokens implements TokenSource {
  private final List<TokenShardReader> readers = new ArrayList<>();
  private final long[] starts;
  private final long length;

  public ShardTokens(Path manifestFile, String split) {
    Path dir = manifestFile.toAbsolutePath().getParent();
    try {
      ShardManifest manifest = ShardManifest.read(manifestFile);
      List<ShardManifest.Shard> shards = manifest.shards(split);
      if (shards.isEmpty())
        throw new IllegalArgumentException(manifestFile + " lists no '" + split + "' shards; rerun the shard stage with a "
            + ("val".equals(split) ? "validation fraction > 0" : "non-empty input"));
      starts = new long[shards.size()];
      long total = 0;
      for (int i = 0; i < shards.size(); i++) {
        TokenShardReader reader = ShardManifest.open(dir, shards.get(i));
        readers.add(reader);
        starts[i] = total;
        total += reader.tokenCount();
      }
      length = total;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot open the shards of " + manifestFile + ": " + e.getMessage(), e);
    }
  }

  public static TokenSourceFactory factory(Path manifestFile, String split) {
    String path = manifestFile.toAbsolutePath().toString();
    return () -> new ShardTokens(Path.of(path), split);
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void read(long start, int[] dst, int off, int len) {
    int shard = java.util.Arrays.binarySearch(starts, start);
    if (shard < 0) shard = -shard - 2;
    while (len > 0) {
      TokenShardReader reader = readers.get(shard);
      long local = start - starts[shard];
      int n = (int) Math.min(len, reader.tokenCount() - local);
      reader.read(local, dst, off, n);
      start += n;
      off += n;
      len -= n;
      shard++;
    }
  }

  @Override
  public void close() {
    readers.forEach(TokenShardReader::close);
  }
}
