package dev.corpusforge.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.lang.LanguageFilter;
import dev.corpusforge.config.CleanConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure-Java fastText reader gives the probabilities of Debian's {@code fasttext predict-prob} (within 1e-4) for
 * models trained here by {@code fasttext supervised} with word bigrams and character n-grams, for each head (softmax,
 * hierarchical softmax, one-vs-all), as {@code .bin} and after {@code fasttext quantize} as {@code .ftz} (norms and
 * output quantized or not, dictionary pruned or not), on held-out
 * lines of real multilingual text. The same reader serves language ID ({@code clean.language.model: fasttext:PATH}).
 */
class FastTextModelTest {
  private static final double TOLERANCE = 1e-4;
  @TempDir static Path dir;
  static Path heldOut;
  static List<String> heldOutTexts = new ArrayList<>();

  @BeforeAll static void data() throws Exception {
    FastTextCli.requireInstalled();
    List<String> lines = FastTextCli.languageLines();
    List<String> train = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i % 5 == 4) heldOutTexts.add(lines.get(i).substring(lines.get(i).indexOf(' ') + 1));
      else train.add(lines.get(i));
    }
    Files.write(dir.resolve("train.txt"), train);
    // fastText quantizes an output matrix only from 256 rows up: the same lines under 300 arbitrary labels.
    List<String> many = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) many.add("__label__l" + (i % 300) + train.get(i).substring(train.get(i).indexOf(' ')));
    Files.write(dir.resolve("many.txt"), many);
    heldOut = dir.resolve("heldout.txt");
    Files.write(heldOut, heldOutTexts);
  }

  private static Path train(String loss) throws Exception {
    return train(loss, "train.txt", loss);
  }

  private static Path train(String loss, String input, String name) throws Exception {
    FastTextCli.run(dir, "supervised", "-input", input, "-output", name, "-loss", loss, "-dim", "16",
        "-epoch", "5", "-wordNgrams", "2", "-minn", "2", "-maxn", "4", "-bucket", "5000", "-thread", "1", "-verbose", "0");
    return dir.resolve(name + ".bin");
  }

  /** Quantizes {@code NAME.bin} into {@code NAME.ftz}; a cutoff prunes the dictionary and n-gram buckets. */
  private static Path quantize(String name, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("quantize", "-input", name.startsWith("many") ? "many.txt" : "train.txt", "-output", name, "-thread", "1", "-verbose", "0"));
    args.addAll(List.of(options));
    FastTextCli.run(dir, args.toArray(new String[0]));
    return dir.resolve(name + ".ftz");
  }

  private static void assertSameAsCli(Path model) throws Exception {
    FastTextModel m;
    try (InputStream in = Files.newInputStream(model)) {
      m = FastTextModel.read(in, model.toString());
    }
    List<Map<String, Double>> expected = FastTextCli.predictProb(dir, model, heldOut);
    assertEquals(heldOutTexts.size(), expected.size());
    String[] labels = m.labels();
    assertTrue(labels.length >= 5, "labels in the training data: " + List.of(labels));
    FastTextModel.Predictor p = m.predictor();
    int compared = 0;
    for (int i = 0; i < heldOutTexts.size(); i++) {
      float[] got = p.predict(heldOutTexts.get(i));
      for (int l = 0; l < labels.length; l++) {
        // predict-prob leaves out hierarchical-softmax leaves below 1e-5: those count as 0.
        double want = expected.get(i).getOrDefault(labels[l], 0.0);
        assertEquals(want, got[l], TOLERANCE, model.getFileName() + " line " + (i + 1) + " " + labels[l] + ": " + heldOutTexts.get(i));
        compared++;
      }
    }
    assertTrue(compared >= 500 * labels.length, "compared " + compared);
  }

  @Test void softmaxBinAndQuantizedWithNormsAndCutoff() throws Exception {
    assertSameAsCli(train("softmax"));
    assertSameAsCli(quantize("softmax", "-qnorm", "-cutoff", "2000", "-retrain", "-epoch", "1"));
  }

  @Test void hierarchicalSoftmaxBinAndQuantized() throws Exception {
    assertSameAsCli(train("hs"));
    assertSameAsCli(quantize("hs", "-dsub", "4"));
  }

  @Test void oneVsAllBinAndQuantizedWithNorms() throws Exception {
    assertSameAsCli(train("one-vs-all"));
    assertSameAsCli(quantize("one-vs-all", "-qnorm", "-dsub", "4"));
  }

  @Test void quantizedOutputMatrices() throws Exception {
    train("softmax", "many.txt", "many-softmax");
    assertSameAsCli(quantize("many-softmax", "-qnorm", "-qout", "-cutoff", "3000"));
    train("one-vs-all", "many.txt", "many-ova");
    assertSameAsCli(quantize("many-ova", "-qout", "-dsub", "4"));
  }

  @Test void cleanLanguageModelFastTextTagsEachDocumentWithTheModelsTopLanguage() throws Exception {
    Path bin = train("softmax", "train.txt", "lid");
    FastTextModel m;
    try (InputStream in = Files.newInputStream(bin)) {
      m = FastTextModel.read(in, bin.toString());
    }
    FastTextModel.Predictor p = m.predictor();
    CleanConfig.Language c = new CleanConfig.Language();
    c.model = "fasttext:" + bin;
    c.keep = List.of("en");
    c.minScore = 0;
    LanguageFilter filter = LanguageFilter.filtering(c);
    int notEnglish = 0;
    for (String text : heldOutTexts) {
      float[] probs = p.predict(text);
      int top = 0;
      for (int l = 1; l < probs.length; l++) if (probs[l] > probs[top]) top = l;
      String language = m.labels()[top].substring("__label__".length());
      CleanDoc doc = CleanDoc.of(text, null);
      String verdict = filter.apply(doc);
      assertEquals(language, doc.language(), text);
      assertEquals(language.equals("en") ? null : language, verdict);
      if (verdict != null) notEnglish++;
    }
    assertTrue(notEnglish > 0, "some held-out lines are not English");
  }

  @Test void lineBreaksInADocumentCountAsSpaces() throws Exception {
    FastTextModel m;
    try (InputStream in = Files.newInputStream(train("softmax"))) {
      m = FastTextModel.read(in, "softmax.bin");
    }
    FastTextModel.Predictor p = m.predictor();
    String text = heldOutTexts.get(0) + " " + heldOutTexts.get(1);
    float[] spaced = p.predict(text).clone();
    float[] broken = p.predict(heldOutTexts.get(0) + "\n" + heldOutTexts.get(1));
    for (int l = 0; l < spaced.length; l++) assertEquals(spaced[l], broken[l]);
  }
}
