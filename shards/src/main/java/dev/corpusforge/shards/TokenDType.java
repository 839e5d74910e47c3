package dev.corpusforge.shards;

import java.nio.ByteBuffer;

/**
 * The integer types a token file can hold, with Megatron-LM's numeric codes (the {@code DType} enum of
 * megatron/core/datasets/indexed_dataset.py: 1 uint8, 2 int8, 3 int16, 4 int32, 5 int64, 6 float64, 7 float32,
 * 8 uint16). Only the integer types that fit a token id in an int are readable and writable here.
 */
public enum TokenDType {
  UINT8(1, 1, 0, 0xFF),
  INT8(2, 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
  INT16(3, 2, Short.MIN_VALUE, Short.MAX_VALUE),
  INT32(4, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
  UINT16(8, 2, 0, 0xFFFF);

  /** Megatron-LM's code for the type, stored in the .idx header. */
  public final int code;
  public final int bytes;
  public final long min;
  public final long max;

  TokenDType(int code, int bytes, long min, long max) {
    this.code = code;
    this.bytes = bytes;
    this.min = min;
    this.max = max;
  }

  /** The numpy name, as the manifest records it ("uint16", "int32"). */
  public String numpyName() { return name().toLowerCase(java.util.Locale.ROOT); }

  public static TokenDType ofCode(int code) {
    for (TokenDType t : values()) if (t.code == code) return t;
    throw new IllegalArgumentException("dtype code " + code + " is not an integer token type this reader supports"
        + " (Megatron codes 1 uint8, 2 int8, 3 int16, 4 int32, 8 uint16)");
  }

  public static TokenDType ofName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Megatron-LM's {@code DType.optimal_dtype(cardinality)}: uint16 when the vocabulary has fewer than 65,500 entries,
   * else int32.
   */
  public static TokenDType forVocabulary(int vocabSize) {
    return vocabSize < 65_500 ? UINT16 : INT32;
  }

  void put(ByteBuffer buf, int token) {
    switch (this) {
      case UINT8, INT8 -> buf.put((byte) token);
      case UINT16, INT16 -> buf.putShort((short) token);
      case INT32 -> buf.putInt(token);
    }
  }

  int get(MappedFile f, long pos) {
    return switch (this) {
      case UINT8 -> f.get(pos) & 0xFF;
      case INT8 -> f.get(pos);
      case UINT16 -> f.getShort(pos) & 0xFFFF;
      case INT16 -> f.getShort(pos);
      case INT32 -> f.getInt(pos);
    };
  }

  void check(int token, long document) {
    if (token < min || token > max) {
      throw new IllegalArgumentException("token " + token + " of document " + document + " does not fit " + numpyName()
          + "; use a wider dtype (int32) for this vocabulary");
    }
  }
}
