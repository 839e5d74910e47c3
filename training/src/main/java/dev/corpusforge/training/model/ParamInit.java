package dev.corpusforge.training.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded normal / constant initialisation of a parameter view, independent of ND4J's global random state. */
final class ParamInit {
  private ParamInit() {}

  static void normal(INDArray target, double std, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long n = target.length();
    double[] values = new double[Math.toIntExact(n)];
    for (int i = 0; i < values.length; i++) values[i] = gaussian(random) * std;
    target.assign(Nd4j.create(values, target.shape(), 'c').castTo(target.dataType()));
  }

  /** Box-Muller on SplittableRandom, so the draw is reproducible across JVMs and threads. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
