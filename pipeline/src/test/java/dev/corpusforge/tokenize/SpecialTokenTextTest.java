package dev.corpusforge.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Documents that contain the strings of special and added tokens ({@code <|endoftext|>} and the rest) encode them as
 * ordinary text by default, on every encoding path; only an encoder made with special tokens allowed gives their ids.
 */
class SpecialTokenTextTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"r50k_base, R50K_BASE", "cl100k_base, CL100K_BASE", "o200k_base, O200K_BASE"})
  void tiktokenEncodingsEncodeSpecialTokenStringsAsText(String name, EncodingType type) throws Exception {
    BpeModel model = Tokenizers.load(name);
    assertEquals(model.specialTokens(), model.addedTokens(), "tiktoken's special tokens are the ones matched in text");
    String text = SampleTexts.quoting(model.specialTokens().keySet());
    int[] ordinary = model.newEncoder().encode(text);
    assertArrayEquals(Encodings.newDefaultEncodingRegistry().getEncoding(type).encodeOrdinary(text).toArray(), ordinary,
        "as tiktoken's encode_ordinary (jtokkit)");
    assertNoneOf(model.specialTokens().values(), ordinary);
    assertEquals(text, model.decode(ordinary));

    int[] allowed = model.newEncoder(true).encode(text);
    for (int id : model.specialTokens().values()) {
      assertEquals(4, Arrays.stream(allowed).filter(t -> t == id).count(), "allowed: each quote becomes id " + id);
    }
    assertEquals(text, model.decode(allowed));
  }

  @Test
  void tokenizerJsonEncodesSpecialAndAddedTokenStringsAsText() throws Exception {
    Path json = trainedWithAddedTokens();
    BpeModel model = Tokenizers.load(json.toString());
    Set<String> strings = model.addedTokens().keySet();
    assertEquals(Set.of("<|endoftext|>", "<|pad|>", "<|added|>"), strings);
    List<String> texts = List.of(SampleTexts.quoting(strings), "<|endoftext|>", "a<|added|>b<|pad|><|endoftext|>");
    // Reference for ordinary text: the Hugging Face library with the same vocabulary and no added tokens.
    Path withoutAdded = dir.resolve("without-added.json");
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json.toFile());
    root.putArray("added_tokens");
    Files.write(withoutAdded, new ObjectMapper().writeValueAsBytes(root));
    try (HuggingFaceTokenizer hf = hf(json); HuggingFaceTokenizer hfText = hf(withoutAdded)) {
      for (String t : texts) {
        int[] ordinary = model.newEncoder().encode(t);
        assertArrayEquals(ids(hfText, t), ordinary, t);
        assertNoneOf(model.addedTokens().values(), ordinary);
        assertEquals(t, model.decode(ordinary));
        // allowed: what the Hugging Face library does with added tokens
        int[] allowed = model.newEncoder(true).encode(t);
        assertArrayEquals(ids(hf, t), allowed, t);
        assertTrue(Arrays.stream(allowed).anyMatch(model.addedTokens().values()::contains), t);
      }
    }
  }

  /** A BPE trained on sample texts with two special tokens, plus one added token that is not special. */
  private Path trainedWithAddedTokens() throws Exception {
    Map<String, Long> words = new HashMap<>();
    Gpt2PreTokenizer pre = new Gpt2PreTokenizer();
    for (String t : SampleTexts.corpus().subList(0, 200)) {
      pre.split(t, 0, t.length(), (s, e) -> words.merge(
          ByteLevel.encode(t.substring(s, e).getBytes(StandardCharsets.UTF_8)), 1L, Long::sum));
    }
    BpeTrainer.Trained trained = BpeTrainer.train(words, 1000, 2, List.of("<|endoftext|>", "<|pad|>"));
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(TokenizerJson.write(trained));
    ObjectNode added = root.withArray("added_tokens").addObject();
    added.put("id", 1000);
    added.put("content", "<|added|>");
    added.put("single_word", false);
    added.put("lstrip", false);
    added.put("rstrip", false);
    added.put("normalized", false);
    added.put("special", false);
    Path json = dir.resolve("tokenizer.json");
    Files.write(json, new ObjectMapper().writeValueAsBytes(root));
    return json;
  }

  private static HuggingFaceTokenizer hf(Path json) throws Exception {
    return HuggingFaceTokenizer.builder().optTokenizerPath(json).optAddSpecialTokens(false).optTruncation(false)
        .optPadding(false).build();
  }

  private static int[] ids(HuggingFaceTokenizer hf, String text) {
    return Arrays.stream(hf.encode(text, false, false).getIds()).mapToInt(x -> (int) x).toArray();
  }

  private static void assertNoneOf(java.util.Collection<Integer> special, int[] tokens) {
    Set<Integer> found = Arrays.stream(tokens).boxed().filter(special::contains).collect(Collectors.toSet());
    assertTrue(found.isEmpty(), "special ids " + found + " in the tokens of ordinary text");
  }
}
