package dev.corpusforge.fasttext;

import java.io.IOException;

/** A dense row-major float matrix: {@code int64 rows, int64 cols, float32[rows * cols]}. */
final class DenseMatrix implements FastTextMatrix {
  private final long rows;
  private final int cols;
  private final float[] data;

  private DenseMatrix(long rows, int cols, float[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  static DenseMatrix read(LittleEndianInput in) throws IOException {
    long m = in.readLong();
    long n = in.readLong();
    float[] data = new float[LittleEndianInput.checkedSize(m, n, "matrix")];
    in.readFloats(data);
    return new DenseMatrix(m, (int) n, data);
  }

  @Override public long rows() { return rows; }

  @Override public int cols() { return cols; }

  @Override public void addRowTo(float[] x, int row) {
    int base = row * cols;
    for (int j = 0; j < cols; j++) x[j] += data[base + j];
  }

  @Override public float dotRow(float[] x, int row) {
    int base = row * cols;
    float d = 0f;
    for (int j = 0; j < cols; j++) d += data[base + j] * x[j];
    return d;
  }
}
