package dev.corpusforge.training.train;

import dev.corpusforge.training.model.AdamW;
import dev.corpusforge.training.model.Gpt;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything that determines how training continues: parameters, AdamW moments, the step and each worker's data
 * position. Plain arrays so that Spark can ship it and checkpoints can store it; float values survive the double[]
 * round trip exactly.
 */
public final class ModelState implements Serializable {
  private static final long serialVersionUID = 1L;

  public final long step;
  public final long[] positions;
  public final double[] params;
  public final double[] m;
  public final double[] v;
  public final boolean doublePrecision;

  public ModelState(long step, long[] positions, double[] params, double[] m, double[] v, boolean doublePrecision) {
    this.step = step;
    this.positions = positions;
    this.params = params;
    this.m = m;
    this.v = v;
    this.doublePrecision = doublePrecision;
  }

  public static ModelState of(long step, long[] positions, Gpt model, AdamW optimizer) {
    return new ModelState(step, positions, model.params().toDoubleVector(), optimizer.m().toDoubleVector(),
        optimizer.v().toDoubleVector(), model.dataType() == DataType.DOUBLE);
  }

  public DataType dataType() {
    return doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
  }

  public static INDArray array(double[] values, DataType type) {
    return Nd4j.createFromArray(values).castTo(type);
  }
}
