package dev.corpusforge.training.model.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pre-LayerNorm GPT-2 block on [batch, time, width] (NWC): x + attn(ln1(x)), then + mlp(ln2(.)). Causal
 * multi-head attention with a triangular mask of -1e9 added before the softmax; GELU MLP of 4x width. Parameter
 * names and shapes are Gpt's ({@code ParamLayout}), so Gpt's values copy in one to one.
 */
public final class TransformerBlockLayer extends ExternalErrorsFixedLayer {
  private static final double MASKED = -1e9;

  private int width;
  private int heads;
  private double residualStd;

  private TransformerBlockLayer() {} // for DL4J's configuration cloning

  public TransformerBlockLayer(int width, int heads, double residualStd) {
    this.width = width;
    this.heads = heads;
    this.residualStd = residualStd;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    long w = width;
    params.addWeightParam("wqkv", w, 3 * w);
    params.addWeightParam("wo", w, w);
    params.addWeightParam("w1", w, 4 * w);
    params.addWeightParam("w2", 4 * w, w);
    for (String gain : new String[] {"ln1g", "ln2g"}) params.addBiasParam(gain, 1, w);
    params.addBiasParam("ln1b", 1, w);
    params.addBiasParam("bqkv", 1, 3 * w);
    params.addBiasParam("bo", 1, w);
    params.addBiasParam("ln2b", 1, w);
    params.addBiasParam("b1", 1, 4 * w);
    params.addBiasParam("b2", 1, w);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    long seed = 10;
    for (Map.Entry<String, INDArray> p : params.entrySet()) {
      String name = p.getKey();
      if (name.endsWith("g")) p.getValue().assign(1);
      else if (name.startsWith("b") || name.startsWith("ln")) p.getValue().assign(0);
      else GptNetwork.normal(p.getValue(), name.equals("wo") || name.equals("w2") ? residualStd : 0.02, seed++);
    }
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
    long time = x.getShape()[1];
    int headSize = width / heads;
    SDVariable rows = SameDiffOps.layerNorm(sd, x, p.get("ln1g"), p.get("ln1b")).reshape(-1, width);
    SDVariable qkv = rows.mmul(p.get("wqkv")).add(p.get("bqkv"));
    SDVariable[] qkvHeads = new SDVariable[3];
    for (int part = 0; part < 3; part++)
      qkvHeads[part] = qkv.get(SDIndex.all(), SDIndex.interval((long) part * width, (long) (part + 1) * width))
          .reshape(-1, time, heads, headSize).permute(0, 2, 1, 3);
    SDVariable scores = sd.mmul(qkvHeads[0], qkvHeads[1], false, true, false).mul(1.0 / Math.sqrt(headSize))
        .add(sd.constant(causalMask(time, x)));
    SDVariable attended = sd.mmul(sd.nn.softmax(scores, 3), qkvHeads[2]).permute(0, 2, 1, 3).reshape(-1, width);
    SDVariable afterAttention = x.add(attended.mmul(p.get("wo")).add(p.get("bo")).reshape(-1, time, width));
    SDVariable mlpIn = SameDiffOps.layerNorm(sd, afterAttention, p.get("ln2g"), p.get("ln2b")).reshape(-1, width);
    SDVariable activated = SameDiffOps.gelu(sd, mlpIn.mmul(p.get("w1")).add(p.get("b1")));
    return afterAttention.add(activated.mmul(p.get("w2")).add(p.get("b2")).reshape(-1, time, width));
  }

  /** [time, time] with -1e9 above the diagonal: query t sees keys <= t. */
  private static INDArray causalMask(long time, SDVariable like) {
    INDArray mask = Nd4j.zeros(like.dataType(), time, time);
    for (int query = 0; query < time; query++)
      for (int key = query + 1; key < time; key++) mask.putScalar(query, key, MASKED);
    return mask;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }
}
