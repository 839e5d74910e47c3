package dev.corpusforge.training.model.dl4j;

import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.ParamLayout;
import dev.corpusforge.training.train.TrainConfig;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gpt's architecture as a DL4J MultiLayerNetwork: EmbeddingSequenceLayer (wte), then SameDiffLayers for the position
 * embedding, each block and the final LayerNorm, then an RnnOutputLayer (softmax + cross-entropy, NWC, no bias).
 * The network always has two matrices, embedding W and output W. For an untied Gpt they map one to one to wte and
 * lmhead^T. A MultiLayerNetwork cannot share one array between two layers, so a tied wte lives twice (embedding W and
 * output W = wte^T); by the chain rule Gpt's wte gradient is the sum of the two, which {@link #gptGradient} returns.
 */
public final class GptNetwork {
  private final TrainConfig config;
  private final int vocab;
  private final MultiLayerNetwork net;

  public GptNetwork(TrainConfig config, int vocab) {
    this.config = config.validate();
    this.vocab = vocab;
    DataType type = config.doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().dataType(type).seed(config.seed)
        // NoOp: the network serves for its loss and gradients (DL4J's gradient check accepts only NoOp or SGD(1))
        .updater(new NoOp()).weightInit(WeightInit.NORMAL).list()
        .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(config.width).hasBias(false)
            .inputLength(config.context).outputDataFormat(RNNFormat.NWC).build())
        .layer(new PositionEmbeddingLayer(config.context, config.width));
    double residualStd = config.initStd / Math.sqrt(2.0 * config.layers);
    for (int l = 0; l < config.layers; l++) layers.layer(new TransformerBlockLayer(config.width, config.heads, residualStd));
    MultiLayerConfiguration conf = layers.layer(new FinalLayerNormLayer(config.width))
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
            .nIn(config.width).nOut(vocab).hasBias(false).dataFormat(RNNFormat.NWC).build())
        .build();
    net = new MultiLayerNetwork(conf);
    net.init();
  }

  public MultiLayerNetwork network() {
    return net;
  }

  private int blockLayer(int block) {
    return 2 + block;
  }

  private int finalNormLayer() {
    return 2 + config.layers;
  }

  private int outputLayer() {
    return 3 + config.layers;
  }

  /** Copies Gpt's parameters in (wte to the embedding; the output projection, wte or lmhead, transposed to the output layer). */
  public void copyFrom(Gpt gpt) {
    ParamLayout layout = gpt.layout();
    INDArray flat = gpt.params();
    net.getLayer(0).getParam("W").assign(layout.view(flat, "wte"));
    net.getLayer(outputLayer()).getParam("W").assign(layout.view(flat, layout.output()).transpose());
    net.getLayer(1).getParam("wpe").assign(layout.view(flat, "wpe"));
    for (ParamLayout.Slot slot : layout.slots().values()) {
      String name = slot.name();
      if (name.startsWith("h")) {
        int dot = name.indexOf('.');
        int block = Integer.parseInt(name.substring(1, dot));
        net.getLayer(blockLayer(block)).getParam(name.substring(dot + 1)).assign(layout.view(flat, name));
      } else if (name.startsWith("lnf")) {
        net.getLayer(finalNormLayer()).getParam(name).assign(layout.view(flat, name));
      }
    }
  }

  /** Inputs [batch, time] (token ids as numbers) of windows of time+1 tokens. */
  public INDArray inputs(int[][] windows) {
    int time = windows[0].length - 1;
    INDArray in = Nd4j.zeros(net.getLayerWiseConfigurations().getDataType(), windows.length, time);
    for (int b = 0; b < windows.length; b++) for (int t = 0; t < time; t++) in.putScalar(b, t, windows[b][t]);
    return in;
  }

  /** One-hot next-token labels [batch, time, vocab] (NWC). */
  public INDArray labels(int[][] windows) {
    int time = windows[0].length - 1;
    INDArray labels = Nd4j.zeros(net.getLayerWiseConfigurations().getDataType(), windows.length, time, vocab);
    for (int b = 0; b < windows.length; b++) for (int t = 0; t < time; t++) labels.putScalar(b, t, windows[b][t + 1], 1);
    return labels;
  }

  /**
   * Next-token probabilities [batch*time, vocab], rows in Gpt's order (b * time + t). The output layer's W and
   * softmax are applied here because RnnOutputLayer.activate with hasBias(false) throws a NullPointerException in
   * M2.1 (it adds the absent bias); its training path, used by {@link #lossAndGradient}, handles the missing bias.
   */
  public INDArray probabilities(int[][] tokens) {
    int[][] asWindows = Arrays.stream(tokens).map(row -> Arrays.copyOf(row, row.length + 1)).toArray(int[][]::new);
    INDArray hidden = net.feedForwardToLayer(finalNormLayer(), inputs(asWindows), false).get(finalNormLayer() + 1);
    INDArray logits = hidden.reshape('c', hidden.size(0) * hidden.size(1), config.width)
        .mmul(net.getLayer(outputLayer()).getParam("W"));
    return Transforms.softmax(logits, false);
  }

  /**
   * Fills the network's gradient for the windows and returns the mean cross-entropy per token. DL4J's RNN output
   * layer scores the sum over time steps averaged over sequences, i.e. time x Gpt's mean per token.
   */
  public double lossAndGradient(int[][] windows) {
    net.setInput(inputs(windows));
    net.setLabels(labels(windows));
    net.computeGradientAndScore();
    return net.score() / (windows[0].length - 1);
  }

  /** The last computed gradient in Gpt's flat layout, as the gradient of the mean per token (Gpt's scale). */
  public INDArray gptGradient(ParamLayout layout, int batch, int time) {
    Gradient g = net.gradient();
    INDArray flat = Nd4j.zeros(net.getLayerWiseConfigurations().getDataType(), layout.size());
    layout.view(flat, "wte").assign(g.getGradientFor("0_W"));
    layout.view(flat, layout.output()).addi(g.getGradientFor(outputLayer() + "_W").transpose()); // tied: the sum
    layout.view(flat, "wpe").assign(g.getGradientFor("1_wpe"));
    for (ParamLayout.Slot slot : layout.slots().values()) {
      String name = slot.name();
      if (name.startsWith("h")) {
        int dot = name.indexOf('.');
        int block = Integer.parseInt(name.substring(1, dot));
        layout.view(flat, name).assign(g.getGradientFor(blockLayer(block) + "_" + name.substring(dot + 1)));
      } else if (name.startsWith("lnf")) {
        layout.view(flat, name).assign(g.getGradientFor(finalNormLayer() + "_" + name));
      }
    }
    return flat.divi((double) batch * time);
  }

  /** Seeded normal initialisation for the layers' own initializeParameters. */
  static void normal(INDArray target, double std, long seed) {
    target.assign(Nd4j.randn(seed, target.shape()).castTo(target.dataType()).muli(std));
  }
}
