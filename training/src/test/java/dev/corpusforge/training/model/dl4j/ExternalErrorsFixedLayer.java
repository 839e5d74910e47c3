package dev.corpusforge.training.model.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiffLayer whose backward pass gets the gradient DL4J hands it once, not twice. In 1.0.0-M2.1 the layer feeds
 * the incoming gradient into its graph through ND4J's ExternalErrorsFunction, whose doDiff both registers the gradient
 * placeholder as the output's gradient (setGradientForVariableName) and returns it, and SameDiff's backward builder
 * adds the two: every SameDiffLayer scales the gradient it passes on by 2 (1 block: x2, 2 blocks: x4, ...; shown by
 * {@code GptNetworkTest#sameDiffLayerInM21CountsTheIncomingGradientTwice}). Backward is linear in that gradient, so
 * halving it on the way in (exact in binary floating point) gives the true gradients.
 */
abstract class ExternalErrorsFixedLayer extends SameDiffLayer {
  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray paramsView, boolean initializeParams, DataType networkDataType) {
    // as SameDiffLayer.instantiate, with the corrected implementation class
    Impl layer = new Impl(conf, networkDataType);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  static final class Impl extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {
    Impl(NeuralNetConfiguration conf, DataType type) {
      super(conf, type);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      return super.backpropGradient(epsilon.mul(0.5), workspaceMgr);
    }
  }
}
