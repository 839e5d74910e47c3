package dev.corpusforge.fasttext;

import java.io.IOException;

/**
 * A product-quantized matrix of a {@code .ftz} model. Layout: {@code bool qnorm, int64 rows, int64 cols,
 * int32 codesize, uint8 codes[codesize]}, the row quantizer, then with {@code qnorm}: {@code uint8 normCodes[rows]}
 * and a one-dimensional quantizer of the row norms (rows are stored as unit vectors times a quantized norm).
 */
final class QuantizedMatrix implements FastTextMatrix {
  private final long rows;
  private final int cols;
  private final byte[] codes;
  private final ProductQuantizer pq;
  private final byte[] normCodes;
  private final ProductQuantizer normPq;

  private QuantizedMatrix(long rows, int cols, byte[] codes, ProductQuantizer pq, byte[] normCodes, ProductQuantizer normPq) {
    this.rows = rows;
    this.cols = cols;
    this.codes = codes;
    this.pq = pq;
    this.normCodes = normCodes;
    this.normPq = normPq;
  }

  static QuantizedMatrix read(LittleEndianInput in) throws IOException {
    boolean qnorm = in.readBool();
    long m = in.readLong();
    long n = in.readLong();
    int codesize = in.readInt();
    byte[] codes = new byte[codesize];
    in.readBytes(codes);
    ProductQuantizer pq = ProductQuantizer.read(in);
    byte[] normCodes = null;
    ProductQuantizer normPq = null;
    if (qnorm) {
      normCodes = new byte[LittleEndianInput.checkedSize(m, 1, "norm codes")];
      in.readBytes(normCodes);
      normPq = ProductQuantizer.read(in);
    }
    return new QuantizedMatrix(m, (int) n, codes, pq, normCodes, normPq);
  }

  private float norm(int row) {
    return normCodes == null ? 1f : normPq.centroids[normPq.centroid(0, normCodes[row] & 0xff)];
  }

  @Override public long rows() { return rows; }

  @Override public int cols() { return cols; }

  @Override public void addRowTo(float[] x, int row) {
    pq.addCode(x, codes, row, norm(row));
  }

  @Override public float dotRow(float[] x, int row) {
    return pq.mulCode(x, codes, row, norm(row));
  }
}
