package dev.corpusforge.training.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

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

  /** Worker {@code worker}'s fitted state with its report: its own data position only, so that positions add up. */
  public static StateSum ofWorker(ModelState state, WorkerReport report) {
    StateSum sum = of(state);
    for (int w = 0; w < sum.positions.length; w++) if (w != report.worker()) sum.positions[w] = 0;
    sum.reports.put(report.worker(), report);
    return sum;
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
