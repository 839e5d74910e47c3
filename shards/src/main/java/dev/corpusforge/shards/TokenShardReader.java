package dev.corpusforge.shards;

import java.io.Closeable;

/** Random access to the tokens of one memory-mapped shard, whatever its format: what a trainer samples windows from. */
public interface TokenShardReader extends Closeable {
  /** Tokens in the shard, end-of-text separators included. */
  long tokenCount();

  /** The token at position {@code i} (0-based, across documents). */
  int token(long i);

  /** Copies {@code len} tokens starting at position {@code start} into {@code dst[off..]}. */
  default void read(long start, int[] dst, int off, int len) {
    for (int k = 0; k < len; k++) dst[off + k] = token(start + k);
  }

  @Override void close();
}
