package dev.corpusforge.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Writes a trained BPE as a Hugging Face tokenizer.json: GPT-2's layout — ByteLevel pre-tokenizer without prefix
 * space (GPT-2's regex), BPE model with vocab and "a b" merges, ByteLevel decoder, special tokens as added tokens.
 */
public final class TokenizerJson {
  private TokenizerJson() {}

  public static byte[] write(BpeTrainer.Trained t) throws java.io.IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String s : t.specialTokens()) {
      ObjectNode a = added.addObject();
      a.put("id", t.vocab().indexOf(s));
      a.put("content", s);
      a.put("single_word", false);
      a.put("lstrip", false);
      a.put("rstrip", false);
      a.put("normalized", false);
      a.put("special", true);
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(json, false, true));
    root.set("post_processor", byteLevel(json, true, false));
    root.set("decoder", byteLevel(json, true, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < t.vocab().size(); i++) vocab.put(t.vocab().get(i), i);
    ArrayNode merges = model.putArray("merges");
    for (String[] m : t.merges()) merges.add(m[0] + " " + m[1]);
    return (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode byteLevel(ObjectMapper json, boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode n = json.createObjectNode();
    n.put("type", "ByteLevel");
    n.put("add_prefix_space", addPrefixSpace);
    n.put("trim_offsets", trimOffsets);
    n.put("use_regex", true);
    return n;
  }
}
