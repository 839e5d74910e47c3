package dev.corpusforge.training.model.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adds the learned position table wpe [context, width] to token embeddings [batch, time, width] (NWC). */
public final class PositionEmbeddingLayer extends ExternalErrorsFixedLayer {
  private int context;
  private int width;

  private PositionEmbeddingLayer() {} // for DL4J's configuration cloning

  public PositionEmbeddingLayer(int context, int width) {
    this.context = context;
    this.width = width;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam("wpe", context, width);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    GptNetwork.normal(params.get("wpe"), 0.01, 1);
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
    long time = input.getShape()[1];
    return input.add(params.get("wpe").get(SDIndex.interval(0L, time), SDIndex.all()));
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }
}
