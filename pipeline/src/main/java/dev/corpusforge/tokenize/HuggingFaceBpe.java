package dev.corpusforge.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Hugging Face {@code tokenizer.json} holding a byte-level BPE model: {@code model.type = BPE} with vocab and
 * merges, pre-tokenizer {@code ByteLevel} (GPT-2's regex when use_regex) or a {@code Sequence} of {@code Split}
 * regexes and {@code ByteLevel(use_regex=false)}, no normalizer, added tokens matched verbatim when special tokens are
 * allowed (see {@link BpeEncoder}). Other features fail
 * with the name of the field, rather than encoding differently from the Hugging Face library.
 */
public final class HuggingFaceBpe {
  /** The tokenizer kind recorded in the manifest for a tokenizer.json vocabulary. */
  public static final String KIND = "huggingface";

  private HuggingFaceBpe() {}

  public static BpeModel parse(String name, byte[] json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode model = root.path("model");
    require(name, "BPE".equals(model.path("type").asText("BPE")), "model.type must be BPE");
    require(name, !model.path("byte_fallback").asBoolean(false), "model.byte_fallback is not supported");
    require(name, !model.path("ignore_merges").asBoolean(false), "model.ignore_merges is not supported");
    require(name, model.path("continuing_subword_prefix").isNull() || model.path("continuing_subword_prefix").isMissingNode()
        || model.path("continuing_subword_prefix").asText().isEmpty(), "model.continuing_subword_prefix is not supported");
    require(name, model.path("end_of_word_suffix").isNull() || model.path("end_of_word_suffix").isMissingNode()
        || model.path("end_of_word_suffix").asText().isEmpty(), "model.end_of_word_suffix is not supported");
    require(name, root.path("normalizer").isNull() || root.path("normalizer").isMissingNode(), "normalizer must be null");

    Map<String, Integer> vocab = new HashMap<>();
    int maxId = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      vocab.put(e.getKey(), e.getValue().asInt());
      maxId = Math.max(maxId, e.getValue().asInt());
    }
    byte[][] tokenBytes = new byte[maxId + 1][];
    vocab.forEach((tok, id) -> tokenBytes[id] = ByteLevel.decode(tok));
    int[] byteIds = new int[256];
    for (int b = 0; b < 256; b++) {
      Integer id = vocab.get(String.valueOf(ByteLevel.charOf(b)));
      require(name, id != null, "vocab lacks the byte-level symbol of byte " + b + "; not a byte-level BPE");
      byteIds[b] = id;
    }
    JsonNode mergeList = model.path("merges");
    MergeTable merges = new MergeTable(mergeList.size());
    for (int rank = 0; rank < mergeList.size(); rank++) {
      JsonNode m = mergeList.get(rank);
      String a;
      String b;
      if (m.isArray()) {
        a = m.get(0).asText();
        b = m.get(1).asText();
      } else {
        String s = m.asText();
        int sp = s.indexOf(' ', 1);
        a = s.substring(0, sp);
        b = s.substring(sp + 1);
      }
      Integer left = vocab.get(a);
      Integer right = vocab.get(b);
      Integer merged = vocab.get(a + b);
      require(name, left != null && right != null && merged != null, "merge " + rank + " (" + a + " " + b + ") uses tokens not in the vocab");
      merges.put(left, right, rank, merged);
    }

    Map<String, Integer> added = new TreeMap<>();
    Map<String, Integer> special = new TreeMap<>();
    for (JsonNode t : root.path("added_tokens")) {
      require(name, !t.path("lstrip").asBoolean() && !t.path("rstrip").asBoolean() && !t.path("single_word").asBoolean(),
          "added token " + t.path("content").asText() + ": lstrip/rstrip/single_word are not supported");
      added.put(t.path("content").asText(), t.path("id").asInt());
      if (t.path("special").asBoolean()) special.put(t.path("content").asText(), t.path("id").asInt());
    }

    JsonNode pre = root.path("pre_tokenizer");
    PreTokenizer preTokenizer;
    boolean addPrefixSpace;
    if ("ByteLevel".equals(pre.path("type").asText())) {
      require(name, pre.path("use_regex").asBoolean(true), "ByteLevel(use_regex=false) alone leaves nothing to split on");
      preTokenizer = new Gpt2PreTokenizer();
      addPrefixSpace = pre.path("add_prefix_space").asBoolean(true);
    } else if ("Sequence".equals(pre.path("type").asText()) && pre.path("pretokenizers").size() == 2
        && "Split".equals(pre.path("pretokenizers").get(0).path("type").asText())
        && "ByteLevel".equals(pre.path("pretokenizers").get(1).path("type").asText())) {
      JsonNode split = pre.path("pretokenizers").get(0);
      JsonNode byteLevel = pre.path("pretokenizers").get(1);
      require(name, "Isolated".equals(split.path("behavior").asText()) && !split.path("invert").asBoolean(),
          "Split must have behavior Isolated and invert false");
      require(name, !byteLevel.path("use_regex").asBoolean(true), "ByteLevel after Split must have use_regex false");
      String regex = split.path("pattern").has("Regex") ? split.path("pattern").path("Regex").asText()
          : java.util.regex.Pattern.quote(split.path("pattern").path("String").asText());
      preTokenizer = regex.equals(Gpt2PreTokenizer.PATTERN) ? new Gpt2PreTokenizer() : new RegexPreTokenizer(regex);
      addPrefixSpace = byteLevel.path("add_prefix_space").asBoolean(true);
    } else {
      throw new IOException(name + ": pre_tokenizer " + pre.path("type").asText("null")
          + " is not supported; use ByteLevel or Sequence[Split, ByteLevel]");
    }
    byte[][] bytes = tokenBytes;
    for (int id : added.values()) if (id < bytes.length) bytes[id] = null;
    return new BpeModel(name, KIND, TiktokenEncodings.sha256(json), preTokenizer, byteIds, merges, bytes,
        special, added, addPrefixSpace);
  }

  private static void require(String name, boolean ok, String what) throws IOException {
    if (!ok) throw new IOException(name + ": " + what);
  }
}
