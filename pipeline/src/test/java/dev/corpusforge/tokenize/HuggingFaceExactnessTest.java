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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tokenizer.json trained by {@link BpeTrainer} on half of the sample documents loads in the Hugging Face tokenizers
 * library (through DJL, offline: the native library ships in DJL's jar) and encodes the other half, held out from
 * training, exactly as our encoder does: with GPT-2's ByteLevel pre-tokenizer as {@code train-tokenizer} writes it,
 * and with the {@code Sequence[Split(regex), ByteLevel]} layout of cl100k/o200k-style tokenizers, where our encoder
 * runs the file's regex with java.util.regex and the library with Oniguruma.
 */
class HuggingFaceExactnessTest {
  @TempDir static Path dir;
  static List<String> training;
  static List<String> heldOut;

  @BeforeAll
  static void split() throws Exception {
    training = new ArrayList<>();
    heldOut = new ArrayList<>(SampleTexts.edgeCases());
    heldOut.removeIf(t -> t.contains("\ud800")); // a lone surrogate has no UTF-8 form to hand to Rust
    List<String> corpus = SampleTexts.corpus();
    for (int i = 0; i < corpus.size(); i++) (i % 2 == 0 ? training : heldOut).add(corpus.get(i));
  }

  /** A BPE of {@code vocab} tokens learned on the training half, pre-tokenized by {@code pre}. */
  static BpeTrainer.Trained train(PreTokenizer pre, int vocab) {
    Map<String, Long> words = new HashMap<>();
    for (String t : training) {
      pre.split(t, 0, t.length(), (s, e) -> words.merge(
          ByteLevel.encode(t.substring(s, e).getBytes(StandardCharsets.UTF_8)), 1L, Long::sum));
    }
    return BpeTrainer.train(words, vocab, 2, List.of("<|endoftext|>"));
  }

  @Test
  void trainerFillsTheVocabularyWithSpecialTokensLast() {
    BpeTrainer.Trained trained = train(new Gpt2PreTokenizer(), 4000);
    assertEquals(4000, trained.vocab().size());
    assertEquals("<|endoftext|>", trained.vocab().get(3999));
    assertEquals(4000 - 256 - 1, trained.merges().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ByteLevel", "Split cl100k", "Split o200k"})
  void tokensEqualHuggingFaceOnHeldOutDocuments(String layout) throws Exception {
    byte[] json;
    if (layout.equals("ByteLevel")) {
      json = TokenizerJson.write(train(new Gpt2PreTokenizer(), 4000));
    } else {
      boolean cl100k = layout.endsWith("cl100k");
      BpeTrainer.Trained trained = train(cl100k ? new Cl100kPreTokenizer() : new O200kPreTokenizer(), 4000);
      json = HuggingFaceExport.withSplit(TokenizerJson.write(trained),
          cl100k ? TiktokenEncodings.CL100K_PATTERN : TiktokenEncodings.O200K_PATTERN);
    }
    Path file = dir.resolve(layout.replace(' ', '-') + ".json");
    Files.write(file, json);
    BpeModel model = Tokenizers.load(file.toString());
    assertEquals(4000, model.vocabSize());
    assertEquals(3999, model.specialToken("<|endoftext|>"));
    assertEquals(layout.equals("ByteLevel"), model.preTokenizer instanceof Gpt2PreTokenizer, "pre-tokenizer read from the file");
    assertEquals(layout.startsWith("Split"), model.preTokenizer instanceof RegexPreTokenizer, "pre-tokenizer read from the file");
    // The Hugging Face library always matches added tokens in the text; our encoder does when special tokens are
    // allowed (SpecialTokenTextTest checks the default, ordinary text).
    BpeEncoder ours = model.newEncoder(true);
    long tokens = 0;
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
        .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
      for (String t : heldOut) {
        long[] ids = hf.encode(t, false, false).getIds();
        int[] expected = new int[ids.length];
        for (int i = 0; i < ids.length; i++) expected[i] = (int) ids[i];
        int[] got = ours.encode(t);
        assertArrayEquals(expected, got, () -> layout + ": " + TiktokenExactnessTest.firstDifference(t, expected, got));
        tokens += got.length;
      }
    }
    assertTrue(tokens > 100_000, "too few tokens compared: " + tokens);
  }
}
