package dev.corpusforge.shards;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Megatron-LM indexed dataset: a {@code .bin} file of tokens and an {@code .idx} file describing it, as defined by
 * {@code _IndexWriter}, {@code _IndexReader} and {@code IndexedDatasetBuilder} in NVIDIA/Megatron-LM
 * megatron/core/datasets/indexed_dataset.py. Layout of the {@code .idx}, all little-endian:
 * <pre>
 *   offset  size        field
 *   0       9           magic "MMIDIDX\0\0"
 *   9       8  uint64   version = 1
 *   17      1  uint8    dtype code of the .bin tokens ({@link TokenDType#code})
 *   18      8  uint64   sequence count S
 *   26      8  uint64   document-index count D (= documents + 1: the builder starts the list with 0)
 *   34      4*S int32   sequence lengths, in tokens
 *   ..      8*S int64   sequence pointers: byte offset of each sequence in the .bin
 *   ..      8*D int64   document indices: sequence index where each document starts, then the sequence count
 * </pre>
 * The {@code .bin} is the sequences' tokens back to back in the dtype. Like Megatron's tools/preprocess_data.py
 * without sentence splitting, every document is one sequence (with its end-of-text token appended by the caller), so
 * S = documents and the document indices are 0, 1, ..., S.
 */
public final class MegatronIndexedDataset {
  /** {@code _INDEX_HEADER}. */
  public static final byte[] MAGIC = {'M', 'M', 'I', 'D', 'I', 'D', 'X', 0, 0};
  public static final long VERSION = 1;
  /** Bytes before the sequence lengths: magic, version, dtype code, sequence count, document count. */
  public static final int HEADER_BYTES = 34;

  private MegatronIndexedDataset() {}

  public static String binPath(String prefix) { return prefix + ".bin"; }
  public static String idxPath(String prefix) { return prefix + ".idx"; }

  /**
   * Streams documents into a {@code .bin}; {@link #close()} writes the {@code .idx}. Only the per-document lengths are
   * held in memory (4 bytes a document).
   */
  public static final class Writer implements AutoCloseable {
    private final TokenOutput bin;
    private final OutputStream idx;
    private final TokenDType dtype;
    private int[] lengths = new int[1024];
    private int documents;
    private long current;
    private long tokens;
    private boolean closed;

    public Writer(OutputStream bin, OutputStream idx, TokenDType dtype) {
      this.bin = new TokenOutput(bin);
      this.idx = idx;
      this.dtype = dtype;
    }

    /** Appends tokens to the document being written. */
    public void add(int[] tokens, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) add(tokens[i]);
    }

    public void add(int token) throws IOException {
      dtype.check(token, documents);
      bin.token(dtype, token);
      current++;
    }

    /** Ends the current document: it becomes one sequence of the dataset. */
    public void endDocument() {
      if (current > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("document " + documents + " has " + current
            + " tokens; Megatron's sequence lengths are int32");
      }
      if (documents == lengths.length) lengths = Arrays.copyOf(lengths, documents * 2);
      lengths[documents++] = (int) current;
      tokens += current;
      current = 0;
    }

    public int documents() { return documents; }
    public long tokens() { return tokens; }

    @Override public void close() throws IOException {
      if (closed) return;
      closed = true;
      if (current > 0) endDocument();
      bin.close();
      TokenOutput out = new TokenOutput(idx);
      out.bytes(MAGIC);
      out.int64(VERSION);
      out.int8(dtype.code);
      out.int64(documents);
      out.int64(documents + 1L);
      for (int i = 0; i < documents; i++) out.int32(lengths[i]);
      long pointer = 0;
      for (int i = 0; i < documents; i++) {
        out.int64(pointer);
        pointer += (long) lengths[i] * dtype.bytes;
      }
      for (long i = 0; i <= documents; i++) out.int64(i);
      out.close();
    }
  }

  /** A memory-mapped dataset: reads lengths, pointers and tokens in place, nothing copied up front. */
  public static final class Reader implements TokenShardReader {
    private final MappedFile idx;
    private final MappedFile bin;
    private final TokenDType dtype;
    private final long sequences;
    private final long documentIndexCount;
    private final long lengthsAt;
    private final long pointersAt;
    private final long documentsAt;

    /** Opens {@code prefix.idx} and {@code prefix.bin}, checking the header and that the sizes agree. */
    public static Reader open(Path prefix) throws IOException {
      return new Reader(Path.of(idxPath(prefix.toString())), Path.of(binPath(prefix.toString())));
    }

    public Reader(Path idxFile, Path binFile) throws IOException {
      idx = new MappedFile(idxFile);
      if (idx.size() < HEADER_BYTES) throw new IOException(idxFile + ": " + idx.size() + " bytes, shorter than the header");
      for (int i = 0; i < MAGIC.length; i++) {
        if (idx.get(i) != MAGIC[i]) throw new IOException(idxFile + ": bad header, not a Megatron MMIDIDX index");
      }
      long version = idx.getLong(9);
      if (version != VERSION) throw new IOException(idxFile + ": version " + version + ", only version 1 is defined");
      dtype = TokenDType.ofCode(idx.get(17) & 0xFF);
      sequences = idx.getLong(18);
      documentIndexCount = idx.getLong(26);
      lengthsAt = HEADER_BYTES;
      pointersAt = lengthsAt + 4 * sequences;
      documentsAt = pointersAt + 8 * sequences;
      long expected = documentsAt + 8 * documentIndexCount;
      if (idx.size() < expected) {
        throw new IOException(idxFile + ": " + idx.size() + " bytes, the header announces " + expected);
      }
      bin = new MappedFile(binFile);
      long binBytes = sequences == 0 ? 0 : sequencePointer(sequences - 1) + (long) sequenceLength(sequences - 1) * dtype.bytes;
      if (bin.size() != binBytes) {
        throw new IOException(binFile + ": " + bin.size() + " bytes, its index " + idxFile + " describes " + binBytes);
      }
    }

    public TokenDType dtype() { return dtype; }
    public long sequenceCount() { return sequences; }
    /** Documents in the dataset (the header's document-index count minus the leading 0). */
    public long documentCount() { return documentIndexCount - 1; }
    public int sequenceLength(long i) { return idx.getInt(lengthsAt + 4 * checkSequence(i)); }
    public long sequencePointer(long i) { return idx.getLong(pointersAt + 8 * checkSequence(i)); }
    public long documentIndex(long i) {
      if (i < 0 || i >= documentIndexCount) throw new IndexOutOfBoundsException("document index " + i + " of " + documentIndexCount);
      return idx.getLong(documentsAt + 8 * i);
    }

    /** Token {@code pos} of sequence {@code i}. */
    public int token(long i, int pos) {
      if (pos < 0 || pos >= sequenceLength(i)) throw new IndexOutOfBoundsException("token " + pos + " of sequence " + i);
      return dtype.get(bin, sequencePointer(i) + (long) pos * dtype.bytes);
    }

    /** The tokens of sequence {@code i}. */
    public int[] sequence(long i) {
      int[] out = new int[sequenceLength(i)];
      long p = sequencePointer(i);
      for (int k = 0; k < out.length; k++) out[k] = dtype.get(bin, p + (long) k * dtype.bytes);
      return out;
    }

    @Override public long tokenCount() { return bin.size() / dtype.bytes; }

    @Override public int token(long i) {
      if (i < 0 || i >= tokenCount()) throw new IndexOutOfBoundsException("token " + i + " of " + tokenCount());
      return dtype.get(bin, i * dtype.bytes);
    }

    private long checkSequence(long i) {
      if (i < 0 || i >= sequences) throw new IndexOutOfBoundsException("sequence " + i + " of " + sequences);
      return i;
    }

    @Override public void close() {
      idx.close();
      bin.close();
    }
  }
}
