package dev.corpusforge.training.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GPT-2 style decoder-only transformer with explicit forward and backward passes on ND4J arrays (the structure of
 * llm.c's train_gpt2.c): token + learned position embedding, N pre-LayerNorm blocks (causal multi-head attention,
 * GELU MLP of 4x width), final LayerNorm, and the output projection: tied to the token embedding as in GPT-2
 * (default), or a separate vocab x width matrix ({@link GptConfig#tieEmbedding}).
 * All parameters live in one flat vector, read through the typed views of {@link GptParams}; {@link #backward} writes
 * the matching flat gradient.
 * Why not DL4J layers: see docs/training.md (the DL4J SameDiff version, GptNetwork in the tests, gives the same loss
 * and gradients but is 3-4x slower per step at a 50k vocabulary and cannot tie the embedding to the output layer).
 *
 * <p>A training step is {@code loss(windows)}, then {@code backward()}, inside one {@link StepWorkspace#open()} scope
 * (the activations loss keeps for backward live in it); evaluation calls loss alone.
 */
public final class Gpt {
  private final GptConfig config;
  private final ParamLayout layout;
  private final INDArray params;
  private final INDArray grads;
  private final GptParams p;
  private final GptParams g;
  private Activations last;

  public Gpt(GptConfig config, INDArray params) {
    this.config = config;
    this.layout = ParamLayout.of(config);
    if (params.length() != layout.size())
      throw new IllegalArgumentException("parameter vector has " + params.length() + " values, the model of " + config
          + " needs " + layout.size());
    this.params = params;
    this.grads = Nd4j.zeros(params.dataType(), layout.size());
    this.p = GptParams.of(config, params);
    this.g = GptParams.of(config, grads);
  }

  /**
   * A freshly initialised model: GPT-2's scheme ({@link ParamLayout.Init}, std {@code initStd}), tensor i drawn from
   * seed * 1,000,003 + i, so identical arguments give identical parameters in any JVM.
   */
  public static Gpt initialize(GptConfig config, DataType type, double initStd, long seed) {
    ParamLayout layout = ParamLayout.of(config);
    INDArray params = Nd4j.zeros(type, layout.size());
    int index = 0;
    for (ParamLayout.Slot slot : layout.slots().values()) {
      INDArray view = ParamLayout.view(params, slot);
      long tensorSeed = seed * 1_000_003L + index++;
      switch (slot.init()) {
        case ONES -> view.assign(1);
        case ZEROS -> view.assign(0);
        case NORMAL -> ParamInit.normal(view, initStd, tensorSeed);
        case POSITION -> ParamInit.normal(view, initStd / 2, tensorSeed);
        case RESIDUAL -> ParamInit.normal(view, initStd / Math.sqrt(2.0 * config.layers()), tensorSeed);
      }
    }
    return new Gpt(config, params);
  }

  public INDArray params() { return params; }
  public INDArray grads() { return grads; }
  public ParamLayout layout() { return layout; }
  public GptConfig config() { return config; }
  public DataType dataType() { return params.dataType(); }

  /** Next-token probabilities [batch*time, vocab] for token rows of equal length <= context. */
  public INDArray probabilities(int[][] tokens) {
    try (MemoryWorkspace ignored = StepWorkspace.open()) {
      return CausalSelfAttention.softmaxRows(forward(tokens).logits).detach();
    }
  }

  /**
   * Mean cross-entropy (nats per token) of windows of context+1 tokens: inputs are [0, n-1), targets [1, n). Keeps the
   * activations for {@link #backward()}. The [batch·time, vocab] logits become, in place, the shifted logits and then
   * their exponentials; the loss per row is log(sum exp) - shifted logit of the target.
   */
  public double loss(int[][] windows) {
    int batch = windows.length, time = windows[0].length - 1;
    int[][] inputs = new int[batch][];
    for (int b = 0; b < batch; b++) inputs[b] = java.util.Arrays.copyOf(windows[b], time);
    Activations a = forward(inputs);
    INDArray logits = a.logits;
    logits.subiColumnVector(logits.max(true, 1));
    int rows = batch * time;
    a.targets = new int[rows];
    double[] targetLogits = new double[rows];
    for (int b = 0; b < batch; b++)
      for (int t = 0; t < time; t++) {
        a.targets[b * time + t] = windows[b][t + 1];
        targetLogits[b * time + t] = logits.getDouble(b * time + t, windows[b][t + 1]);
      }
    Transforms.exp(logits, false);
    a.sums = logits.sum(true, 1);
    double[] sum = a.sums.toDoubleVector();
    double total = 0;
    for (int row = 0; row < rows; row++) total += Math.log(sum[row]) - targetLogits[row];
    MemoryWorkspace scope = Nd4j.getMemoryManager().getCurrentWorkspace();
    a.scope = scope;
    a.generation = scope == null ? 0 : scope.getGenerationId();
    last = a;
    return total / rows;
  }

  /**
   * Fills {@link #grads()} with the gradient of the last {@link #loss}'s mean, from the activations it kept; must run in
   * the same workspace scope as that loss. The exponentiated logits become, in place, (softmax - one-hot) / rows.
   */
  public void backward() {
    Activations c = last;
    MemoryWorkspace scope = Nd4j.getMemoryManager().getCurrentWorkspace();
    if (c == null || c.scope != scope || (scope != null && scope.getGenerationId() != c.generation))
      throw new IllegalStateException("backward() needs the activations of a loss() in the same workspace scope: call"
          + " loss then backward inside one StepWorkspace.open()");
    last = null;
    int rows = c.targets.length;
    INDArray dLogits = c.logits.diviColumnVector(c.sums.muli(rows));
    for (int row = 0; row < rows; row++)
      dLogits.putScalar(row, c.targets[row], dLogits.getDouble(row, c.targets[row]) - 1.0 / rows);
    grads.assign(0);
    // when tied, this and the embedding's scatter-add below both accumulate into wte's gradient
    Matmul.accumulate(g.output, dLogits, true, c.finalOut, false);
    INDArray dx = c.lnf.backward(Matmul.times(dLogits, false, p.output, false), p.lnfg, g.lnfg, g.lnfb);
    for (int l = config.layers() - 1; l >= 0; l--) {
      GptParams.Block w = p.blocks.get(l), d = g.blocks.get(l);
      BlockActivations block = c.blocks.get(l);
      d.b2().addi(dx.sum(true, 0));
      Matmul.accumulate(d.w2(), block.activated, true, dx, false);
      INDArray dUp = Gelu.backward(block.up, Matmul.times(dx, false, w.w2(), true));
      d.b1().addi(dUp.sum(true, 0));
      Matmul.accumulate(d.w1(), block.mlpIn, true, dUp, false);
      dx = dx.add(block.ln2.backward(Matmul.times(dUp, false, w.w1(), true), w.ln2g(), d.ln2g(), d.ln2b()));
      INDArray dAttnIn = block.attention.backward(dx, w.wqkv(), w.wo(), d.wqkv(), d.bqkv(), d.wo(), d.bo());
      dx = dx.add(block.ln1.backward(dAttnIn, w.ln1g(), d.ln1g(), d.ln1b()));
    }
    // embeddings: positions get the sum over the batch, tokens a scatter-add of their rows
    INDArray perPosition = dx.reshape('c', c.batch, c.time, config.width()).sum(0);
    g.wpe.get(NDArrayIndex.interval(0, c.time), NDArrayIndex.all()).addi(perPosition);
    scatterAddRows(g.wte, c.tokens, dx);
  }

  /**
   * target[rows[i]] += updates[i] for every i in order, as one native op: a Java loop of getRow/addi cost two array
   * views (and their shape buffers and deallocator references) per token, most of the step's Java garbage. The lock
   * argument makes libnd4j add serially in index order, so repeated tokens accumulate in the same order and bits as the
   * loop did, whatever the thread count.
   */
  static void scatterAddRows(INDArray target, int[] rows, INDArray updates) {
    Nd4j.exec(DynamicCustomOp.builder("scatter_add")
        .addInputs(target, Nd4j.createFromArray(rows), updates)
        .addOutputs(target)
        .addBooleanArguments(true, false)
        .build());
  }

  private Activations forward(int[][] tokens) {
    int batch = tokens.length, time = tokens[0].length;
    if (time > config.context()) throw new IllegalArgumentException(time + " tokens exceed the context of " + config.context());
    int[] flat = new int[batch * time];
    for (int b = 0; b < batch; b++) {
      if (tokens[b].length != time) throw new IllegalArgumentException("rows of unequal length in one batch");
      for (int t = 0; t < time; t++) {
        int id = tokens[b][t];
        if (id < 0 || id >= config.vocab())
          throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + config.vocab()
              + "; the shards and the model disagree on the tokenizer");
        flat[b * time + t] = id;
      }
    }
    INDArray positions = p.wpe.get(NDArrayIndex.interval(0, time), NDArrayIndex.all());
    INDArray x = Nd4j.pullRows(p.wte, 1, flat).addi(Nd4j.tile(positions, batch, 1));
    Activations a = new Activations(batch, time, flat);
    for (GptParams.Block w : p.blocks) {
      BlockActivations block = new BlockActivations();
      block.ln1 = LayerNorm.normalize(x);
      block.attention = new CausalSelfAttention(batch, time, config.heads(), config.width());
      x = x.add(block.attention.forward(block.ln1.output(w.ln1g(), w.ln1b()), w.wqkv(), w.bqkv(), w.wo(), w.bo()));
      block.ln2 = LayerNorm.normalize(x);
      block.mlpIn = block.ln2.output(w.ln2g(), w.ln2b());
      block.up = Matmul.times(block.mlpIn, false, w.w1(), false).addiRowVector(w.b1());
      block.activated = Gelu.forward(block.up);
      x = x.add(Matmul.times(block.activated, false, w.w2(), false).addiRowVector(w.b2()));
      a.blocks.add(block);
    }
    a.lnf = LayerNorm.normalize(x);
    a.finalOut = a.lnf.output(p.lnfg, p.lnfb);
    a.logits = Matmul.times(a.finalOut, false, p.output, true);
    return a;
  }

  /** One forward pass's activations, kept by {@link #loss} for {@link #backward}. */
  private static final class Activations {
    final int batch, time;
    final int[] tokens;
    final List<BlockActivations> blocks = new ArrayList<>();
    LayerNorm lnf;
    INDArray finalOut, logits, sums;
    int[] targets;
    MemoryWorkspace scope;
    long generation;

    Activations(int batch, int time, int[] tokens) {
      this.batch = batch;
      this.time = time;
      this.tokens = tokens;
    }
  }

  private static final class BlockActivations {
    LayerNorm ln1, ln2;
    CausalSelfAttention attention;
    INDArray mlpIn, up, activated;
  }
}
