package dev.corpusforge.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a tiktoken vocabulary as a Hugging Face tokenizer.json (vocab plus one merge per way of splitting each token
 * into two tokens, in rank order), so that the benchmark runs all three libraries on the same vocabulary.
 */
public final class HuggingFaceExport {
  private HuggingFaceExport() {}

  public static byte[] tokenizerJson(BpeModel model) throws java.io.IOException {
    Map<ByteBuffer, Integer> ids = new HashMap<>();
    List<String> vocab = new ArrayList<>();
    for (int i = 0; i < model.tokenBytes.length; i++) {
      ids.put(ByteBuffer.wrap(model.tokenBytes[i]), i);
      vocab.add(ByteLevel.encode(model.tokenBytes[i]));
    }
    List<String[]> merges = new ArrayList<>();
    for (int r = 0; r < model.tokenBytes.length; r++) {
      byte[] t = model.tokenBytes[r];
      for (int k = 1; k < t.length; k++) {
        Integer a = ids.get(ByteBuffer.wrap(t, 0, k).slice());
        Integer b = ids.get(ByteBuffer.wrap(t, k, t.length - k).slice());
        if (a != null && b != null) merges.add(new String[] {vocab.get(a), vocab.get(b)});
      }
    }
    List<String> specials = new ArrayList<>(model.specialTokens().keySet());
    specials.sort(java.util.Comparator.comparing(model.specialTokens()::get)); // filled in id order
    for (String s : specials) {
      while (vocab.size() < model.specialTokens().get(s)) vocab.add("<unused" + vocab.size() + ">");
      vocab.add(s);
    }
    byte[] json = TokenizerJson.write(new BpeTrainer.Trained(vocab, merges, specials));
    String regex = model.preTokenizer instanceof RegexPreTokenizer r ? r.regex()
        : model.preTokenizer instanceof Cl100kPreTokenizer ? TiktokenEncodings.CL100K_PATTERN
        : model.preTokenizer instanceof O200kPreTokenizer ? TiktokenEncodings.O200K_PATTERN : null;
    return regex == null ? json : withSplit(json, regex);
  }

  /**
   * The tokenizer.json with its pre-tokenizer replaced by the layout of Hugging Face's cl100k/o200k conversions:
   * Split(regex, Isolated) then ByteLevel without GPT-2's regex.
   */
  public static byte[] withSplit(byte[] json, String regex) throws java.io.IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(json);
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Sequence");
    ArrayNode list = pre.putArray("pretokenizers");
    ObjectNode split = list.addObject();
    split.put("type", "Split");
    split.putObject("pattern").put("Regex", regex);
    split.put("behavior", "Isolated");
    split.put("invert", false);
    ObjectNode bl = list.addObject();
    bl.put("type", "ByteLevel");
    bl.put("add_prefix_space", false);
    bl.put("trim_offsets", true);
    bl.put("use_regex", false);
    return mapper.writeValueAsBytes(root);
  }
}
