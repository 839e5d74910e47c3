package dev.corpusforge.training.model;

import dev.corpusforge.training.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GPT-2 style decoder-only transformer with explicit forward and backward passes on ND4J arrays (the structure of
 * llm.c's train_gpt2.c): token + learned position embedding, N pre-LayerNorm blocks (causal multi-head attention,
 * GELU MLP of 4x width), final LayerNorm, and the output projection: tied to the token embedding as in GPT-2
 * (default), or a separate vocab x width matrix ({@link TrainConfig#tieEmbedding}).
 * All parameters live in one flat vector ({@link ParamLayout}); backward writes the matching flat gradient.
 * Why not DL4J layers: see docs/training.md (the DL4J SameDiff version, GptNetwork in the tests, gives the same loss
 * and gradients but is 3-4x slower per step at a 50k vocabulary and cannot tie the embedding to the output layer).
 */
public final class Gpt {
  /** GPT-2 initialises position embeddings with std 0.01, half the 0.02 used for the other matrices. */
  private static final double POSITION_STD_FRACTION = 0.5;

  private final TrainConfig config;
  private final int vocab;
  private final ParamLayout layout;
  private final INDArray params;
  private final INDArray grads;
  private Cache cache;

  public Gpt(TrainConfig config, int vocab, INDArray params) {
    this.config = config.validate();
    this.vocab = vocab;
    this.layout = ParamLayout.of(config, vocab);
    if (params.length() != layout.size())
      throw new IllegalArgumentException("parameter vector has " + params.length() + " values, the model of "
          + config.modelShape() + " over " + vocab + " tokens needs " + layout.size());
    this.params = params;
    this.grads = Nd4j.zeros(params.dataType(), layout.size());
  }

  /** A freshly initialised model, GPT-2's scheme drawn from the config's seed (identical for identical configs). */
  public static Gpt initialize(TrainConfig c, int vocab) {
    DataType type = c.doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
    ParamLayout layout = ParamLayout.of(c, vocab);
    INDArray params = Nd4j.zeros(type, layout.size());
    double residualStd = c.initStd / Math.sqrt(2.0 * c.layers);
    int index = 0;
    for (ParamLayout.Slot slot : layout.slots().values()) {
      INDArray view = layout.view(params, slot.name());
      String name = slot.name().substring(slot.name().lastIndexOf('.') + 1);
      long seed = c.seed * 1_000_003L + index++;
      if (name.endsWith("g")) view.assign(1);
      else if (!slot.decayed()) view.assign(0);
      else if (name.equals("wpe")) ParamInit.normal(view, c.initStd * POSITION_STD_FRACTION, seed);
      else if (name.equals("wo") || name.equals("w2")) ParamInit.normal(view, residualStd, seed);
      else ParamInit.normal(view, c.initStd, seed); // wte, wqkv, w1 and an untied lmhead, as every nn.Linear in nanoGPT
    }
    return new Gpt(c, vocab, params);
  }

  public INDArray params() { return params; }
  public INDArray grads() { return grads; }
  public ParamLayout layout() { return layout; }
  public TrainConfig config() { return config; }
  public int vocab() { return vocab; }
  public DataType dataType() { return params.dataType(); }

  /** Next-token probabilities [batch*time, vocab] for token rows of equal length <= context. */
  public INDArray probabilities(int[][] tokens) {
    try (MemoryWorkspace ignored = StepWorkspace.open()) {
      return CausalSelfAttention.softmaxRows(forward(tokens, false)).detach();
    }
  }

  /**
   * Mean cross-entropy (nats per token) of windows of context+1 tokens: inputs are [0, n-1), targets [1, n). With
   * {@code backward}, also fills {@link #grads()} with the gradient of that mean.
   */
  public double loss(int[][] windows, boolean backward) {
    try (MemoryWorkspace ignored = StepWorkspace.open()) {
      return scopedLoss(windows, backward);
    }
  }

  /**
   * {@link #loss} inside the step workspace: its temporaries are reused by the next step instead of piling up. The
   * [batch·time, vocab] logits become, in place, the shifted logits, their exponentials and then the gradient
   * (softmax - one-hot) / rows; the loss per row is log(sum exp) - shifted logit of the target.
   */
  private double scopedLoss(int[][] windows, boolean backward) {
    int batch = windows.length, time = windows[0].length - 1;
    int[][] inputs = new int[batch][];
    for (int b = 0; b < batch; b++) inputs[b] = java.util.Arrays.copyOf(windows[b], time);
    INDArray logits = forward(inputs, backward);
    logits.subiColumnVector(logits.max(true, 1));
    int rows = batch * time;
    double[] targetLogits = new double[rows];
    for (int b = 0; b < batch; b++)
      for (int t = 0; t < time; t++) targetLogits[b * time + t] = logits.getDouble(b * time + t, windows[b][t + 1]);
    Transforms.exp(logits, false);
    INDArray sums = logits.sum(true, 1);
    double[] sum = sums.toDoubleVector();
    double total = 0;
    for (int row = 0; row < rows; row++) total += Math.log(sum[row]) - targetLogits[row];
    if (backward) {
      INDArray dLogits = logits.diviColumnVector(sums.muli(rows));
      for (int b = 0; b < batch; b++)
        for (int t = 0; t < time; t++) {
          int row = b * time + t, target = windows[b][t + 1];
          dLogits.putScalar(row, target, dLogits.getDouble(row, target) - 1.0 / rows);
        }
      backward(dLogits);
    }
    return total / rows;
  }

  private INDArray forward(int[][] tokens, boolean keepCache) {
    int batch = tokens.length, time = tokens[0].length;
    if (time > config.context) throw new IllegalArgumentException(time + " tokens exceed the context of " + config.context);
    int[] flat = new int[batch * time];
    for (int b = 0; b < batch; b++) {
      if (tokens[b].length != time) throw new IllegalArgumentException("rows of unequal length in one batch");
      for (int t = 0; t < time; t++) {
        int id = tokens[b][t];
        if (id < 0 || id >= vocab)
          throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + vocab
              + "; the shards and the model disagree on the tokenizer");
        flat[b * time + t] = id;
      }
    }
    INDArray wte = p("wte");
    INDArray positions = p("wpe").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, time),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray x = Nd4j.pullRows(wte, 1, flat).addi(Nd4j.tile(positions, batch, 1));
    Cache c = new Cache(batch, time, flat);
    for (int l = 0; l < config.layers; l++) {
      String h = "h" + l + ".";
      Block block = new Block();
      block.ln1 = LayerNorm.normalize(x);
      block.attention = new CausalSelfAttention(batch, time, config.heads, config.width);
      x = x.add(block.attention.forward(block.ln1.output(p(h + "ln1g"), p(h + "ln1b")),
          p(h + "wqkv"), p(h + "bqkv"), p(h + "wo"), p(h + "bo")));
      block.ln2 = LayerNorm.normalize(x);
      block.mlpIn = block.ln2.output(p(h + "ln2g"), p(h + "ln2b"));
      block.up = Matmul.times(block.mlpIn, false, p(h + "w1"), false).addiRowVector(p(h + "b1"));
      block.activated = Gelu.forward(block.up);
      x = x.add(Matmul.times(block.activated, false, p(h + "w2"), false).addiRowVector(p(h + "b2")));
      c.blocks.add(block);
    }
    c.lnf = LayerNorm.normalize(x);
    c.finalOut = c.lnf.output(p("lnfg"), p("lnfb"));
    if (keepCache) cache = c;
    return Matmul.times(c.finalOut, false, p(layout.output()), true);
  }

  private void backward(INDArray dLogits) {
    Cache c = cache;
    grads.assign(0);
    // when tied, this and the embedding's scatter-add below both accumulate into wte's gradient
    Matmul.accumulate(g(layout.output()), dLogits, true, c.finalOut, false);
    INDArray dx = c.lnf.backward(Matmul.times(dLogits, false, p(layout.output()), false), p("lnfg"), g("lnfg"), g("lnfb"));
    for (int l = config.layers - 1; l >= 0; l--) {
      String h = "h" + l + ".";
      Block block = c.blocks.get(l);
      g(h + "b2").addi(dx.sum(true, 0));
      Matmul.accumulate(g(h + "w2"), block.activated, true, dx, false);
      INDArray dUp = Gelu.backward(block.up, Matmul.times(dx, false, p(h + "w2"), true));
      g(h + "b1").addi(dUp.sum(true, 0));
      Matmul.accumulate(g(h + "w1"), block.mlpIn, true, dUp, false);
      dx = dx.add(block.ln2.backward(Matmul.times(dUp, false, p(h + "w1"), true), p(h + "ln2g"), g(h + "ln2g"), g(h + "ln2b")));
      INDArray dAttnIn = block.attention.backward(dx, p(h + "wqkv"), p(h + "wo"),
          g(h + "wqkv"), g(h + "bqkv"), g(h + "wo"), g(h + "bo"));
      dx = dx.add(block.ln1.backward(dAttnIn, p(h + "ln1g"), g(h + "ln1g"), g(h + "ln1b")));
    }
    // embeddings: positions get the sum over the batch, tokens a scatter-add of their rows
    INDArray dwpe = g("wpe");
    INDArray perPosition = dx.reshape('c', c.batch, c.time, config.width).sum(0);
    dwpe.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c.time), org.nd4j.linalg.indexing.NDArrayIndex.all())
        .addi(perPosition);
    INDArray dwte = g("wte");
    for (int row = 0; row < c.tokens.length; row++) dwte.getRow(c.tokens[row]).addi(dx.getRow(row));
    cache = null;
  }

  private INDArray p(String name) {
    return layout.view(params, name);
  }

  private INDArray g(String name) {
    return layout.view(grads, name);
  }

  /** Activations of one forward pass, kept for backward. */
  private static final class Cache {
    final int batch, time;
    final int[] tokens;
    final List<Block> blocks = new ArrayList<>();
    LayerNorm lnf;
    INDArray finalOut;

    Cache(int batch, int time, int[] tokens) {
      this.batch = batch;
      this.time = time;
      this.tokens = tokens;
    }
  }

  private static final class Block {
    LayerNorm ln1, ln2;
    CausalSelfAttention attention;
    INDArray mlpIn, up, activated;
  }

}
