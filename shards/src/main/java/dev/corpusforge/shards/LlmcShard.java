package dev.corpusforge.shards;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The llm.c token file, as written by {@code write_datafile} in karpathy/llm.c dev/data/data_common.py: a header of
 * 256 little-endian int32 — [0] magic, [1] version, [2] token count, the rest zero — then the tokens. GPT-2 files use
 * magic 20240520, version 1 and uint16 tokens; the Llama-3 variant magic 20240801, version 7 and uint32 tokens (here
 * written as int32, the same bytes for ids below 2^31). Documents are not delimited other than by the end-of-text
 * token the caller appends.
 */
public final class LlmcShard {
  public static final int HEADER_INTS = 256;
  public static final int HEADER_BYTES = HEADER_INTS * 4;

  /** A header variant from {@code HEADERS_INFO}. */
  public enum Variant {
    GPT2(20240520, 1, TokenDType.UINT16),
    LLAMA3(20240801, 7, TokenDType.INT32);

    public final int magic;
    public final int version;
    public final TokenDType dtype;

    Variant(int magic, int version, TokenDType dtype) {
      this.magic = magic;
      this.version = version;
      this.dtype = dtype;
    }

    /** The variant whose token type holds this vocabulary: GPT-2's uint16 when it fits, else Llama-3's 32 bits. */
    public static Variant forVocabulary(int vocabSize) {
      return vocabSize <= 65_536 ? GPT2 : LLAMA3;
    }

    static Variant of(int magic, int version, Path file) throws IOException {
      for (Variant v : values()) if (v.magic == magic && v.version == version) return v;
      throw new IOException(file + ": magic " + magic + " version " + version
          + " is not an llm.c token file (expected 20240520/1 or 20240801/7)");
    }
  }

  private LlmcShard() {}

  /**
   * Streams a shard whose token count is known up front (the header comes first and streams cannot seek back);
   * {@link #close()} checks that exactly that many tokens were written.
   */
  public static final class Writer implements AutoCloseable {
    private final TokenOutput out;
    private final Variant variant;
    private final long expected;
    private long tokens;
    private long documents;

    public Writer(OutputStream out, Variant variant, long tokenCount) throws IOException {
      // write_datafile asserts len(toks) < 2**31: the count is an int32 header field.
      if (tokenCount < 0 || tokenCount >= (1L << 31)) {
        throw new IllegalArgumentException("llm.c shards hold fewer than 2^31 tokens, asked for " + tokenCount
            + "; lower shard.shardTokens");
      }
      this.out = new TokenOutput(out);
      this.variant = variant;
      this.expected = tokenCount;
      this.out.int32(variant.magic);
      this.out.int32(variant.version);
      this.out.int32((int) tokenCount);
      for (int i = 3; i < HEADER_INTS; i++) this.out.int32(0);
    }

    public void add(int token) throws IOException {
      variant.dtype.check(token, documents);
      if (tokens == expected) throw new IllegalStateException("more tokens than the " + expected + " announced in the header");
      out.token(variant.dtype, token);
      tokens++;
    }

    public void add(int[] tokens, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) add(tokens[i]);
    }

    /** Counts documents only for error messages; the format itself has no document boundaries. */
    public void endDocument() { documents++; }

    public long tokens() { return tokens; }

    @Override public void close() throws IOException {
      out.close();
      if (tokens != expected) {
        throw new IllegalStateException("wrote " + tokens + " tokens but the header announces " + expected);
      }
    }
  }

  /** A memory-mapped llm.c shard. */
  public static final class Reader implements TokenShardReader {
    private final MappedFile file;
    private final Variant variant;
    private final long tokens;

    public Reader(Path path) throws IOException {
      file = new MappedFile(path);
      if (file.size() < HEADER_BYTES) throw new IOException(path + ": " + file.size() + " bytes, shorter than the 1024-byte header");
      variant = Variant.of(file.getInt(0), file.getInt(4), path);
      tokens = file.getInt(8) & 0xFFFFFFFFL;
      long expected = HEADER_BYTES + tokens * variant.dtype.bytes;
      if (file.size() != expected) {
        throw new IOException(path + ": " + file.size() + " bytes, the header's " + tokens + " tokens need " + expected);
      }
    }

    public Variant variant() { return variant; }
    public int headerInt(int i) { return file.getInt(4L * i); }

    @Override public long tokenCount() { return tokens; }

    @Override public int token(long i) {
      if (i < 0 || i >= tokens) throw new IndexOutOfBoundsException("token " + i + " of " + tokens);
      return variant.dtype.get(file, HEADER_BYTES + i * variant.dtype.bytes);
    }

    @Override public void close() { file.close(); }
  }
}
