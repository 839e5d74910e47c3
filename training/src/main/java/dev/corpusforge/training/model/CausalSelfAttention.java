package dev.corpusforge.training.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal multi-head scaled dot-product attention over [batch*time, width] rows: one fused QKV projection, a triangular
 * mask of -1e9 added before the row softmax (exp(-1e9 - max) is exactly 0, so position t sees only positions <= t),
 * and the output projection. Keeps what backward needs.
 */
final class CausalSelfAttention {
  /** Added above the diagonal before the softmax. */
  private static final double MASKED = -1e9;

  private final int batch, time, heads, width, headSize;
  private final double scale;
  private INDArray input, q, k, v, weights, merged;

  CausalSelfAttention(int batch, int time, int heads, int width) {
    this.batch = batch;
    this.time = time;
    this.heads = heads;
    this.width = width;
    this.headSize = width / heads;
    this.scale = 1.0 / Math.sqrt(headSize);
  }

  INDArray forward(INDArray x, INDArray wqkv, INDArray bqkv, INDArray wo, INDArray bo) {
    input = x;
    INDArray qkv = Matmul.times(x, false, wqkv, false).addiRowVector(bqkv);
    q = splitHeads(qkv, 0);
    k = splitHeads(qkv, 1);
    v = splitHeads(qkv, 2);
    INDArray scores = Nd4j.matmul(q, k, false, true, false).muli(scale).reshape('c', (long) batch * heads * time, time);
    scores.addi(Nd4j.tile(mask(scores), batch * heads, 1));
    weights = softmaxRows(scores).reshape('c', (long) batch * heads, time, time);
    merged = mergeHeads(Nd4j.matmul(weights, v));
    return Matmul.times(merged, false, wo, false).addiRowVector(bo);
  }

  /** Accumulates the parameter gradients; returns the gradient of the input rows. */
  INDArray backward(INDArray dOut, INDArray wqkv, INDArray wo, INDArray dWqkv, INDArray dBqkv, INDArray dWo, INDArray dBo) {
    dBo.addi(dOut.sum(true, 0));
    Matmul.accumulate(dWo, merged, true, dOut, false);
    INDArray dMerged = splitHeads(Matmul.times(dOut, false, wo, true));
    INDArray dWeights = Nd4j.matmul(dMerged, v, false, true, false);
    INDArray dV = Nd4j.matmul(weights, dMerged, true, false, false);
    long rows = (long) batch * heads * time;
    INDArray w2 = weights.reshape('c', rows, time);
    INDArray d2 = dWeights.reshape('c', rows, time);
    // softmax backward per row: dS = W * (dW - sum(dW * W)); masked entries have W = 0 and get no gradient
    INDArray dScores = d2.subColumnVector(d2.mul(w2).sum(true, 1)).muli(w2).muli(scale)
        .reshape('c', (long) batch * heads, time, time);
    INDArray dQ = Nd4j.matmul(dScores, k);
    INDArray dK = Nd4j.matmul(dScores, q, true, false, false);
    INDArray dQkv = Nd4j.hstack(mergeHeads(dQ), mergeHeads(dK), mergeHeads(dV));
    dBqkv.addi(dQkv.sum(true, 0));
    Matmul.accumulate(dWqkv, input, true, dQkv, false);
    return Matmul.times(dQkv, false, wqkv, true);
  }

  /** Columns [part*width, (part+1)*width) of [b*t, 3*width] as [b*heads, t, headSize]. */
  private INDArray splitHeads(INDArray qkv, int part) {
    INDArray columns = qkv.get(NDArrayIndex.all(), NDArrayIndex.interval((long) part * width, (long) (part + 1) * width));
    return splitHeads(columns.dup('c'));
  }

  private INDArray splitHeads(INDArray rows) {
    return rows.reshape('c', batch, time, heads, headSize).permute(0, 2, 1, 3).dup('c')
        .reshape('c', (long) batch * heads, time, headSize);
  }

  /** [b*heads, t, headSize] back to rows [b*t, width]. */
  private INDArray mergeHeads(INDArray perHead) {
    return perHead.reshape('c', batch, heads, time, headSize).permute(0, 2, 1, 3).dup('c')
        .reshape('c', (long) batch * time, width);
  }

  private INDArray mask(INDArray like) {
    INDArray mask = Nd4j.zeros(like.dataType(), time, time);
    for (int query = 0; query < time; query++)
      for (int key = query + 1; key < time; key++) mask.putScalar(query, key, MASKED);
    return mask;
  }

  /** Numerically stable softmax of each row, in place. */
  static INDArray softmaxRows(INDArray x) {
    x.subiColumnVector(x.max(true, 1));
    org.nd4j.linalg.ops.transforms.Transforms.exp(x, false);
    return x.diviColumnVector(x.sum(true, 1));
  }
}
