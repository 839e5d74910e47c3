package dev.corpusforge.training.cli;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.corpusforge.shards.ShardManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Text to token ids and back with the tokenizer the shards were encoded with (named in the manifest). */
public interface TokenCodec {
  int[] encode(String text);

  String decode(int[] ids);

  static TokenCodec of(ShardManifest.Tokenizer tokenizer, Path manifestDir) {
    if ("huggingface".equals(tokenizer.kind)) {
      try {
        // the copy next to the manifest travels with the shards; the original path may not
        Path file = manifestDir.resolve(tokenizer.file != null ? tokenizer.file : tokenizer.name);
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false).build();
        return new TokenCodec() {
          public int[] encode(String text) {
            long[] ids = hf.encode(text).getIds();
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
            return out;
          }

          public String decode(int[] ids) {
            long[] longs = new long[ids.length];
            for (int i = 0; i < ids.length; i++) longs[i] = ids[i];
            return hf.decode(longs);
          }
        };
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load tokenizer " + tokenizer.name + " named in the manifest: " + e.getMessage(), e);
      }
    }
    Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(tokenizer.name)
        .orElseThrow(() -> new IllegalArgumentException("unknown tiktoken encoding '" + tokenizer.name
            + "' in the manifest; jtokkit knows r50k_base, p50k_base, cl100k_base, o200k_base"));
    return new TokenCodec() {
      public int[] encode(String text) {
        return encoding.encode(text).toArray();
      }

      public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) list.add(id);
        return encoding.decode(list);
      }
    };
  }
}
