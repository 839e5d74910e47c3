package dev.corpusforge.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corpusforge.shards.ShardManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCodecTest {
  @Test
  void tiktokenEncodingFromTheManifestRoundTrips() {
    ShardManifest.Tokenizer tokenizer = new ShardManifest.Tokenizer();
    tokenizer.name = "r50k_base";
    tokenizer.kind = "tiktoken";
    TokenCodec codec = TokenCodec.of(tokenizer, Path.of("."));
    int[] ids = codec.encode("Hello world");
    assertEquals(2, ids.length, "GPT-2's BPE encodes 'Hello world' as two tokens");
    assertEquals("Hello world", codec.decode(ids));
  }

  @Test
  void aTokenizerJsonIsReadFromTheCopyNextToTheManifest(@TempDir Path shards) throws Exception {
    Files.writeString(shards.resolve("tokenizer.json"), byteLevelBpe("h", "e"));
    ShardManifest.Tokenizer tokenizer = new ShardManifest.Tokenizer();
    tokenizer.name = "tokenizer/tokenizer.json";  // where the run trained it: not next to the manifest
    tokenizer.kind = "huggingface";
    tokenizer.file = "tokenizer.json";
    TokenCodec codec = TokenCodec.of(tokenizer, shards);
    int[] ids = codec.encode("hehe");
    assertEquals(2, ids.length, "the merge h+e applies twice");
    assertEquals(256, ids[0]);
    assertEquals("hehe", codec.decode(ids));
  }

  /** A GPT-2-style tokenizer.json: the 256 byte tokens (GPT-2's byte-to-character map) plus one merge. */
  private static String byteLevelBpe(String left, String right) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode preTokenizer = root.putObject("pre_tokenizer");
    preTokenizer.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", true);
    root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
        .put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    ObjectNode vocab = model.putObject("vocab");
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      vocab.put(String.valueOf((char) (printable ? b : 256 + n++)), b);
    }
    vocab.put(left + right, 256);
    model.putArray("merges").add(left + " " + right);
    return json.writeValueAsString(root);
  }
}
