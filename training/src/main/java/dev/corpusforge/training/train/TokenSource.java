package dev.corpusforge.training.train;

/** A read-only sequence of token ids: the concatenated shards of one split, or an array in tests. */
public interface TokenSource extends AutoCloseable {
  long length();

  /** Copies tokens [start, start + len) into dst[off..]. */
  void read(long start, int[] dst, int off, int len);

  @Override
  default void close() {}

  static TokenSource of(int[] tokens) {
    return new TokenSource() {
      @Override public long length() { return tokens.length; }
      @Override public void read(long start, int[] dst, int off, int len) {
        System.arraycopy(tokens, Math.toIntExact(start), dst, off, len);
      }
    };
  }
}
