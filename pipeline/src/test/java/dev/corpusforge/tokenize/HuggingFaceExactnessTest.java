package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tokenizer.json trained by {@link BpeTrainer} loads in the Hugging Face tokenizers library (through DJL, offline)
 * and encodes every sample document exactly as our encoder does.
 */
class HuggingFaceExactnessTest {
  @TempDir static Path dir;
  static Path tokenizerJson;
  static BpeTrainer.Trained trained;

  @BeforeAll
  static void train() throws Exception {
    Map<String, Long> words = new HashMap<>();
    Gpt2PreTokenizer pre = new Gpt2PreTokenizer();
    for (String t : SampleTexts.corpus()) {
      pre.split(t, 0, t.length(), (s, e) -> words.merge(
          ByteLevel.encode(t.substring(s, e).getBytes(StandardCharsets.UTF_8)), 1L, Long::sum));
    }
    trained = BpeTrainer.train(words, 4000, 2, List.of("<|endoftext|>"));
    tokenizerJson = dir.resolve("tokenizer.json");
    Files.write(tokenizerJson, TokenizerJson.write(trained));
  }

  @Test
  void trainerFillsTheVocabularyWithSpecialTokensLast() {
    assertEquals(4000, trained.vocab().size());
    assertEquals("<|endoftext|>", trained.vocab().get(3999));
    assertEquals(4000 - 256 - 1, trained.merges().size());
  }

  @Test
  void tokensEqualHuggingFaceOnEverySampleDocument() throws Exception {
    BpeModel model = Tokenizers.load(tokenizerJson.toString());
    assertEquals(4000, model.vocabSize());
    assertEquals(3999, model.specialToken("<|endoftext|>"));
    // The Hugging Face library always matches added tokens in the text; our encoder does when special tokens are
    // allowed (SpecialTokenTextTest checks the default, ordinary text).
    BpeEncoder ours = model.newEncoder(true);
    List<String> texts = new ArrayList<>(SampleTexts.edgeCases());
    texts.removeIf(t -> t.contains("\ud800")); // a lone surrogate has no UTF-8 form to hand to Rust
    texts.addAll(SampleTexts.corpus());
    long tokens = 0;
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
        .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
      for (String t : texts) {
        long[] ids = hf.encode(t, false, false).getIds();
        int[] expected = new int[ids.length];
        for (int i = 0; i < ids.length; i++) expected[i] = (int) ids[i];
        int[] got = ours.encode(t);
        assertArrayEquals(expected, got, () -> TiktokenExactnessTest.firstDifference(t, expected, got));
        tokens += got.length;
      }
    }
    assertTrue(tokens > 100_000, "too few tokens compared: " + tokens);
  }
}
