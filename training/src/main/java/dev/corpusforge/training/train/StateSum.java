package dev.corpusforge.training.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The sum of one or more workers' states as it travels between Spark tasks and to and from the driver: parameters and
 * both AdamW moments in one flat array in the model's precision (float32 for float models, half the bytes of
 * {@link ModelState}'s doubles; double only for double-precision models), the step, the data positions (worker w's at
 * index w, zero elsewhere, so positions sum too) and each worker's report.
 *
 * <p>Adding two sums is one element-wise addition, and IEEE 754 addition of two operands commutes exactly, so a tree
 * that adds exactly two operands per node yields the same bits whatever order Spark delivers them in.
 */
public final class StateSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final long[] positions;
  private final int parameters;
  private final float[] floats; // params | m | v when the model is float, else null
  private final double[] doubles; // params | m | v when the model is double, else null
  private final TreeMap<Integer, WorkerReport> reports = new TreeMap<>();
  private int count;

  private StateSum(long step, long[] positions, int parameters, float[] floats, double[] doubles, int count) {
    this.step = step;
    this.positions = positions;
    this.parameters = parameters;
    this.floats = floats;
    this.doubles = doubles;
    this.count = count;
  }

  /** One state in wire form (what the driver broadcasts, and a worker's contribution before any addition). */
  public static StateSum of(ModelState state) {
    int n = state.params.length;
    if (state.doublePrecision) {
      double[] values = new double[3 * n];
      System.arraycopy(state.params, 0, values, 0, n);
      System.arraycopy(state.m, 0, values, n, n);
      System.arraycopy(state.v, 0, values, 2 * n, n);
      return new StateSum(state.step, state.positions.clone(), n, null, values, 1);
    }
    float[] values = new float[3 * n];
    copy(state.params, values, 0);
    copy(state.m, values, n);
    copy(state.v, values, 2 * n);
    return new StateSum(state.step, state.positions.clone(), n, values, null, 1);
  }

  /**
   * Worker {@code report.worker()}'s fitted state with its report, read straight from its arrays (no double[] detour):
   * its own data position only (zero for the other workers, so that positions add up), parameters and moments.
   */
  public static StateSum ofWorker(long step, int workers, long position, INDArray params, INDArray m, INDArray v,
      WorkerReport report) {
    int n = (int) params.length();
    long[] positions = new long[workers];
    positions[report.worker()] = position;
    // one off-heap concatenation, then a single heap array (not one per tensor plus their copy)
    INDArray all = Nd4j.toFlattened(params, m, v);
    StateSum sum = params.dataType() == DataType.DOUBLE
        ? new StateSum(step, positions, n, null, all.toDoubleVector(), 1)
        : new StateSum(step, positions, n, all.toFloatVector(), null, 1);
    sum.reports.put(report.worker(), report);
    return sum;
  }

  /**
   * Overwrites {@code params}, {@code m} and {@code v} in place with this single state's values (a broadcast state,
   * count 1): how a worker that kept its arrays from the last round takes up the averaged state.
   */
  public void copyInto(INDArray params, INDArray m, INDArray v) {
    if (count != 1) throw new IllegalStateException("copyInto takes one state, this is a sum of " + count);
    if (params.length() != parameters)
      throw new IllegalArgumentException("the arrays hold " + params.length() + " parameters, the state " + parameters);
    INDArray all = floats != null ? Nd4j.createFromArray(floats) : Nd4j.createFromArray(doubles);
    long n = parameters;
    params.assign(all.get(NDArrayIndex.interval(0, n)));
    m.assign(all.get(NDArrayIndex.interval(n, 2 * n)));
    v.assign(all.get(NDArrayIndex.interval(2 * n, 3 * n)));
  }

  public long step() {
    return step;
  }

  /** Worker {@code worker}'s data position. */
  public long position(int worker) {
    return positions[worker];
  }

  private static void copy(double[] from, float[] to, int offset) {
    for (int i = 0; i < from.length; i++) to[offset + i] = (float) from[i]; // exact: the values are floats
  }

  /** Adds {@code other} into this sum and returns this (Spark's reduceByKey may reuse its first argument). */
  public StateSum add(StateSum other) {
    if (other.step != step) throw new IllegalStateException("workers disagree on the step: " + other.step + " vs " + step);
    if (floats != null) {
      float[] a = floats, b = other.floats;
      for (int i = 0; i < a.length; i++) a[i] += b[i];
    } else {
      double[] a = doubles, b = other.doubles;
      for (int i = 0; i < a.length; i++) a[i] += b[i];
    }
    for (int w = 0; w < positions.length; w++) positions[w] += other.positions[w];
    reports.putAll(other.reports);
    count += other.count;
    return this;
  }

  /**
   * Divides this sum by the number of states in it, in place and in the model's precision (the same values as
   * {@link #mean()}), and drops the reports: the averaged state, ready to broadcast as the next round's. Returns this.
   */
  public StateSum average() {
    if (floats != null) {
      float divisor = count;
      for (int i = 0; i < floats.length; i++) floats[i] /= divisor;
    } else {
      double divisor = count;
      for (int i = 0; i < doubles.length; i++) doubles[i] /= divisor;
    }
    count = 1;
    reports.clear();
    return this;
  }

  /** The sum divided by the number of states in it, in the model's precision, as a ModelState. */
  public ModelState mean() {
    int n = parameters;
    double[] p = new double[n], m = new double[n], v = new double[n];
    if (floats != null) {
      float divisor = count;
      for (int i = 0; i < n; i++) {
        p[i] = floats[i] / divisor;
        m[i] = floats[n + i] / divisor;
        v[i] = floats[2 * n + i] / divisor;
      }
    } else {
      double divisor = count;
      for (int i = 0; i < n; i++) {
        p[i] = doubles[i] / divisor;
        m[i] = doubles[n + i] / divisor;
        v[i] = doubles[2 * n + i] / divisor;
      }
    }
    return new ModelState(step, positions.clone(), p, m, v, doubles != null);
  }

  /** Bytes of the parameter and moment values (what dominates the serialized size). */
  public long valueBytes() {
    return floats != null ? 4L * floats.length : 8L * doubles.length;
  }

  public int count() {
    return count;
  }

  /** The workers' reports in worker order. */
  public List<WorkerReport> reports() {
    return new ArrayList<>(reports.values());
  }
}
