package dev.corpusforge.fasttext;

/** A fastText embedding or output matrix: dense, or product-quantized in a {@code .ftz} file. */
interface FastTextMatrix {
  long rows();

  int cols();

  /** Adds row {@code row} to {@code x}, as fastText's {@code addRowToVector}. */
  void addRowTo(float[] x, int row);

  /** The dot product of row {@code row} with {@code x}, in float as fastText computes it. */
  float dotRow(float[] x, int row);
}
