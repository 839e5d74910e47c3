package dev.corpusforge.fasttext;

import java.io.IOException;

/**
 * fastText's product quantizer: a vector of {@code dim} is cut into {@code nsubq} sub-vectors of {@code dsub} values
 * (the last one {@code lastdsub}), each replaced by the index of one of 256 centroids. Layout:
 * {@code int32 dim, nsubq, dsub, lastdsub; float32 centroids[dim * 256]}.
 */
final class ProductQuantizer {
  static final int KSUB = 256;
  final int dim;
  final int nsubq;
  final int dsub;
  final int lastdsub;
  final float[] centroids;

  private ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
    this.dim = dim;
    this.nsubq = nsubq;
    this.dsub = dsub;
    this.lastdsub = lastdsub;
    this.centroids = centroids;
  }

  static ProductQuantizer read(LittleEndianInput in) throws IOException {
    int dim = in.readInt();
    int nsubq = in.readInt();
    int dsub = in.readInt();
    int lastdsub = in.readInt();
    float[] centroids = new float[LittleEndianInput.checkedSize(dim, KSUB, "quantizer")];
    in.readFloats(centroids);
    return new ProductQuantizer(dim, nsubq, dsub, lastdsub, centroids);
  }

  /** Offset of centroid {@code code} of sub-quantizer {@code m}; the last sub-quantizer's centroids are shorter. */
  int centroid(int m, int code) {
    return m == nsubq - 1 ? m * KSUB * dsub + code * lastdsub : (m * KSUB + code) * dsub;
  }

  void addCode(float[] x, byte[] codes, int row, float alpha) {
    int base = nsubq * row;
    for (int m = 0; m < nsubq; m++) {
      int c = centroid(m, codes[base + m] & 0xff);
      int d = m == nsubq - 1 ? lastdsub : dsub;
      for (int n = 0; n < d; n++) x[m * dsub + n] += alpha * centroids[c + n];
    }
  }

  float mulCode(float[] x, byte[] codes, int row, float alpha) {
    float res = 0f;
    int base = nsubq * row;
    for (int m = 0; m < nsubq; m++) {
      int c = centroid(m, codes[base + m] & 0xff);
      int d = m == nsubq - 1 ? lastdsub : dsub;
      for (int n = 0; n < d; n++) res += x[m * dsub + n] * centroids[c + n];
    }
    return res * alpha;
  }
}
