package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiktoken encodings give the Hugging Face tokenizers library's tokens (through DJL, offline) on every sample
 * document: the library runs a tokenizer.json holding the encoding's vocabulary, one merge per way of splitting each
 * token into two tokens in rank order, and the encoding's pattern ({@link HuggingFaceExport}: r50k_base as GPT-2's
 * ByteLevel, cl100k_base and o200k_base as Split(regex) + ByteLevel). The same file loaded by our tokenizer.json reader
 * gives the same tokens too.
 */
class TiktokenHuggingFaceIdentityTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base"})
  void tokensEqualHuggingFaceOnEverySampleDocument(String name) throws Exception {
    BpeModel tiktoken = Tokenizers.load(name);
    Path file = dir.resolve(name + ".json");
    Files.write(file, HuggingFaceExport.tokenizerJson(tiktoken));
    // The library matches added tokens in the text, so ours is compared with special tokens allowed: the special
    // token strings in the edge cases then check the ids of the specials too.
    BpeEncoder ours = tiktoken.newEncoder(true);
    BpeEncoder oursFromJson = Tokenizers.load(file.toString()).newEncoder(true);
    List<String> texts = new ArrayList<>(SampleTexts.edgeCases());
    texts.addAll(SampleTexts.corpus());
    texts.removeIf(t -> t.contains("\ud800")); // a lone surrogate has no UTF-8 form to hand to Rust
    long tokens = 0;
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
        .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
      for (String t : texts) {
        long[] ids = hf.encode(t, false, false).getIds();
        int[] expected = new int[ids.length];
        for (int i = 0; i < ids.length; i++) expected[i] = (int) ids[i];
        int[] got = ours.encode(t);
        assertArrayEquals(expected, got, () -> name + ": " + TiktokenExactnessTest.firstDifference(t, expected, got));
        int[] fromJson = oursFromJson.encode(t);
        assertArrayEquals(expected, fromJson, () -> name + " read from tokenizer.json: "
            + TiktokenExactnessTest.firstDifference(t, expected, fromJson));
        tokens += got.length;
      }
    }
    assertTrue(tokens > 1_000_000, "too few tokens compared: " + tokens);
  }
}
