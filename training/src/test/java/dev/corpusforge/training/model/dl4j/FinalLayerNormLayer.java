package dev.corpusforge.training.model.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The LayerNorm after the last block (lnfg, lnfb), on [batch, time, width] (NWC). */
public final class FinalLayerNormLayer extends ExternalErrorsFixedLayer {
  private int width;

  private FinalLayerNormLayer() {} // for DL4J's configuration cloning

  public FinalLayerNormLayer(int width) {
    this.width = width;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addBiasParam("lnfg", 1, width);
    params.addBiasParam("lnfb", 1, width);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    params.get("lnfg").assign(1);
    params.get("lnfb").assign(0);
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    return SameDiffOps.layerNorm(sd, x, p.get("lnfg"), p.get("lnfb"));
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }
}
