package dev.corpusforge.training.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D matrix products through ND4J's BLAS gemm with the transposes as flags and a caller-chosen c-order output.
 * {@code a.mmul(b)} computes into an f-order buffer and then copies it element by element into the c-order result,
 * which at [batch·context, 50,257] logits cost 10-20× the product itself (docs/bench/training.md, "Faster step").
 */
final class Matmul {
  private Matmul() {}

  /** op(a) op(b) as a new c-order array, op = transpose when the flag is set. */
  static INDArray times(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
    long rows = transposeA ? a.columns() : a.rows();
    long cols = transposeB ? b.rows() : b.columns();
    INDArray out = Nd4j.create(a.dataType(), new long[] {rows, cols}, 'c');
    Nd4j.getBlasWrapper().level3().gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
    return out;
  }

  /** into += op(a) op(b), in place (gradient accumulation into a view of the flat gradient). */
  static void accumulate(INDArray into, INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
    Nd4j.getBlasWrapper().level3().gemm(a, b, into, transposeA, transposeB, 1.0, 1.0);
  }
}
