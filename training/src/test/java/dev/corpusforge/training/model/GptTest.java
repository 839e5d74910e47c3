package dev.corpusforge.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.train.TinyModels;
import dev.corpusforge.training.train.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GptTest {
  private static final int VOCAB = 11;

  /**
   * Central finite differences of the mean loss against backprop in double precision, for 3 seeded entries of every
   * parameter tensor (all of them would take ~4k forward passes), with the output projection tied and untied.
   */
  @ParameterizedTest(name = "tieEmbedding={0}")
  @ValueSource(booleans = {true, false})
  void backpropMatchesFiniteDifferencesForEveryParameter(boolean tieEmbedding) {
    TrainConfig c = TinyModels.tiny(true, tieEmbedding);
    Gpt model = c.initialModel(VOCAB);
    // random gains/biases too, so that no gradient is trivially zero or symmetric
    model.params().addi(org.nd4j.linalg.factory.Nd4j.rand(model.params().dataType(), model.params().length()).subi(0.5).muli(0.2));
    int[][] windows = TinyModels.randomWindows(2, c.context, VOCAB, 7);
    model.loss(windows);
    model.backward();
    INDArray analytic = model.grads().dup();
    INDArray params = model.params();
    double eps = 1e-6;
    List<String> failures = new ArrayList<>();
    for (ParamLayout.Slot slot : model.layout().slots().values()) {
      java.util.SplittableRandom pick = new java.util.SplittableRandom(slot.offset());
      for (int sample = 0; sample < Math.min(3, slot.length()); sample++) {
        long i = slot.offset() + pick.nextLong(slot.length());
        double original = params.getDouble(i);
        params.putScalar(i, original + eps);
        double plus = model.loss(windows);
        params.putScalar(i, original - eps);
        double minus = model.loss(windows);
        params.putScalar(i, original);
        double numeric = (plus - minus) / (2 * eps);
        double backprop = analytic.getDouble(i);
        double absError = Math.abs(numeric - backprop);
        if (absError > 1e-8 && absError / (Math.abs(numeric) + Math.abs(backprop)) > 1e-5)
          failures.add(slot.name() + "[" + (i - slot.offset()) + "]: backprop " + backprop + " vs numeric " + numeric);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of the sampled gradient entries differ, first: "
        + failures.subList(0, Math.min(10, failures.size())));
  }

  @Test
  void untiedModelHasItsOwnDecayedOutputMatrixAfterTheTiedLayout() {
    ParamLayout tied = ParamLayout.of(TinyModels.tiny(true, true).gpt(VOCAB));
    ParamLayout untied = ParamLayout.of(TinyModels.tiny(true, false).gpt(VOCAB));
    ParamLayout.Slot output = untied.slots().get(ParamLayout.UNTIED_OUTPUT);
    assertEquals("wte", tied.output());
    assertEquals(ParamLayout.UNTIED_OUTPUT, untied.output());
    assertFalse(tied.slots().containsKey(ParamLayout.UNTIED_OUTPUT));
    assertArrayEquals(new long[] {VOCAB, 8}, output.shape());
    assertTrue(output.decayed(), "AdamW decays the output matrix like every other weight matrix");
    assertEquals(tied.size(), output.offset());
    assertEquals(tied.size() + (long) VOCAB * 8, untied.size());
  }

  /**
   * Untied initialisation: every tied parameter is drawn identically (same slots, same seeds), and lmhead is its own
   * normal(0, initStd) draw (nanoGPT initialises every nn.Linear, lm_head included, with std 0.02).
   */
  @Test
  void untiedInitialisationAddsAnIndependentNormalOutputMatrix() {
    Gpt tied = TinyModels.tiny(true, true).initialModel(50);
    Gpt untied = TinyModels.tiny(true, false).initialModel(50);
    long shared = tied.layout().size();
    assertEquals(tied.params(), untied.params().get(NDArrayIndex.interval(0, shared)));
    INDArray lmhead = untied.layout().view(untied.params(), ParamLayout.UNTIED_OUTPUT);
    INDArray wte = untied.layout().view(untied.params(), "wte");
    assertNotEquals(wte, lmhead);
    double std = lmhead.stdNumber().doubleValue();
    double initStd = TinyModels.tiny(true, false).initStd;
    assertEquals(initStd, std, 0.1 * initStd, "std of 400 draws of normal(0, 0.02)");
    assertEquals(0, lmhead.meanNumber().doubleValue(), 3 * std / Math.sqrt(lmhead.length()));
  }

  /**
   * The chain rule for tying: an untied model whose lmhead equals wte computes the tied model's loss, and the tied
   * model's wte gradient is the sum of the untied model's wte and lmhead gradients; the others are equal.
   */
  @Test
  void untiedModelWithLmheadEqualToWteIsTheTiedModel() {
    Gpt tied = TinyModels.tiny(true, true).initialModel(VOCAB);
    tied.params().addi(org.nd4j.linalg.factory.Nd4j.rand(tied.params().dataType(), tied.params().length()).subi(0.5).muli(0.2));
    Gpt untied = TinyModels.tiny(true, false).initialModel(VOCAB);
    long shared = tied.layout().size();
    untied.params().get(NDArrayIndex.interval(0, shared)).assign(tied.params());
    untied.layout().view(untied.params(), ParamLayout.UNTIED_OUTPUT).assign(tied.layout().view(tied.params(), "wte"));
    int[][] windows = TinyModels.randomWindows(3, tied.config().context(), VOCAB, 13);
    assertEquals(tied.loss(windows), untied.loss(windows), 1e-14);
    tied.backward();
    untied.backward();
    INDArray summed = untied.grads().get(NDArrayIndex.interval(0, shared)).dup();
    untied.layout().view(summed, "wte").addi(untied.layout().view(untied.grads(), ParamLayout.UNTIED_OUTPUT));
    assertTrue(tied.grads().equalsWithEps(summed, 1e-14), "tied gradient is not the untied one with wte + lmhead");
  }

  @ParameterizedTest(name = "tieEmbedding={0}")
  @ValueSource(booleans = {true, false})
  void untiedModelRefusesATiedParameterVector(boolean tieEmbedding) {
    TrainConfig c = TinyModels.tiny(true, tieEmbedding);
    TrainConfig other = TinyModels.tiny(true, !tieEmbedding);
    INDArray params = other.initialModel(VOCAB).params();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Gpt(c.gpt(VOCAB), params));
    assertTrue(e.getMessage().contains(c.modelShape()), e.getMessage());
  }

  @Test
  void outputsAtOrBeforePositionTIgnoreLaterTokens() {
    TrainConfig c = TinyModels.tiny(true);
    Gpt model = c.initialModel(VOCAB);
    int[][] tokens = {Arrays.copyOf(TinyModels.randomWindows(1, c.context, VOCAB, 3)[0], c.context)};
    INDArray before = model.probabilities(tokens);
    for (int t = 0; t < c.context - 1; t++) {
      int[][] changed = {tokens[0].clone()};
      for (int later = t + 1; later < c.context; later++) changed[0][later] = (changed[0][later] + 1 + later) % VOCAB;
      INDArray after = model.probabilities(changed);
      assertEquals(before.get(NDArrayIndex.interval(0, t + 1), NDArrayIndex.all()),
          after.get(NDArrayIndex.interval(0, t + 1), NDArrayIndex.all()),
          "outputs at positions <= " + t + " changed when later tokens changed");
      assertTrue(before.getRow(t + 1).neq(after.getRow(t + 1)).any(),
          "output at position " + (t + 1) + " did not react to its own token: the test could not see a leak");
    }
  }

  @Test
  void shorterPromptGivesTheSameOutputsAsTheFullContextPrefix() {
    TrainConfig c = TinyModels.tiny(true);
    Gpt model = c.initialModel(VOCAB);
    int[] full = Arrays.copyOf(TinyModels.randomWindows(1, c.context, VOCAB, 5)[0], c.context);
    INDArray prefix = model.probabilities(new int[][] {Arrays.copyOf(full, 3)});
    INDArray whole = model.probabilities(new int[][] {full});
    assertTrue(prefix.equalsWithEps(whole.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-12));
  }

  @Test
  void sameSeedBuildsIdenticalParameters() {
    TrainConfig c = TinyModels.tiny(false);
    assertEquals(c.initialModel(VOCAB).params(), c.initialModel(VOCAB).params());
  }

  @ParameterizedTest(name = "tieEmbedding={0}")
  @ValueSource(booleans = {true, false})
  void initialLossIsNearUniformEntropy(boolean tieEmbedding) {
    TrainConfig c = TinyModels.tiny(true, tieEmbedding);
    double loss = c.initialModel(VOCAB).loss(TinyModels.randomWindows(4, c.context, VOCAB, 9));
    assertEquals(Math.log(VOCAB), loss, 0.05, "a freshly initialised model should predict nearly uniformly");
  }

  /**
   * The embedding gradient's scatter-add is the row-by-row loop it replaced, bit for bit: repeated rows accumulate in
   * index order, into a view at an offset of a flat float vector (as the token embedding's gradient is).
   */
  @Test
  void scatterAddRowsAccumulatesRepeatedRowsInOrderLikeARowLoop() {
    java.util.Random random = new java.util.Random(3);
    int[] rows = new int[200];
    for (int i = 0; i < rows.length; i++) rows[i] = random.nextInt(7);
    INDArray updates = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows.length, 5).subi(0.5);
    INDArray flat = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3 + 7 * 5);
    float[] before = flat.toFloatVector();
    INDArray expected = flat.dup();
    INDArray looped = expected.get(NDArrayIndex.interval(3, 3 + 35)).reshape(7, 5);
    for (int i = 0; i < rows.length; i++) looped.getRow(rows[i]).addi(updates.getRow(i));
    Gpt.scatterAddRows(flat.get(NDArrayIndex.interval(3, 3 + 35)).reshape(7, 5), rows, updates);
    assertArrayEquals(expected.toFloatVector(), flat.toFloatVector());
    assertFalse(Arrays.equals(before, flat.toFloatVector()), "the rows were not updated in place");
    assertArrayEquals(Arrays.copyOf(before, 3), Arrays.copyOf(flat.toFloatVector(), 3), "values before the view changed");
  }
}
