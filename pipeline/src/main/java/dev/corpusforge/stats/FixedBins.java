package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Histogram bins with edges fixed in advance, so that histograms of different stages, sources and runs line up and
 * a bin's count is an exact aggregate (no sampling, no data-dependent edges). Bin i holds edges[i] <= x < edges[i+1];
 * the last bin is open-ended.
 */
final class FixedBins {
  final double[] edges;

  FixedBins(double... edges) {
    for (int i = 1; i < edges.length; i++) {
      if (edges[i] <= edges[i - 1]) throw new IllegalArgumentException("bin edges must increase");
    }
    this.edges = edges.clone();
  }

  /** 0, 1, 2, 5, 10, 20, 50, ... up to {@code max}: lengths span eight orders of magnitude. */
  static FixedBins oneTwoFive(double max) {
    List<Double> e = new ArrayList<>(List.of(0.0));
    for (double decade = 1; decade <= max; decade *= 10) {
      for (double m : new double[] {1, 2, 5}) if (decade * m <= max) e.add(decade * m);
    }
    return new FixedBins(e.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** {@code n} equal bins from {@code lo} to {@code hi}, the last one closed at {@code hi}. */
  static FixedBins linear(double lo, double hi, int n) {
    double[] e = new double[n];
    for (int i = 0; i < n; i++) e[i] = lo + (hi - lo) * i / n;
    return new FixedBins(e);
  }

  /** The bin index of {@code x}: -1 below the first edge, null for null. */
  Column index(Column x) {
    Column c = lit(-1);
    for (int i = 0; i < edges.length; i++) c = when(x.geq(lit(edges[i])), lit(i)).otherwise(c);
    return when(x.isNull(), lit(null)).otherwise(c);
  }

  double lo(int bin) {
    return edges[bin];
  }

  /** The upper edge of a bin, or null for the open last bin. */
  Double hi(int bin) {
    return bin + 1 < edges.length ? edges[bin + 1] : null;
  }
}
