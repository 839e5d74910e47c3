package dev.corpusforge.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The tiktoken encodings r50k_base (GPT-2), cl100k_base (GPT-3.5/4) and o200k_base (GPT-4o), built from the rank files
 * jtokkit ships in its jar ({@code com/knuddels/jtokkit/<name>.tiktoken}: base64 token bytes and rank per line), with
 * the pre-tokenization patterns and special tokens of openai/tiktoken's tiktoken_ext/openai_public.py.
 */
public final class TiktokenEncodings {
  public static final String R50K = "r50k_base";
  public static final String CL100K = "cl100k_base";
  public static final String O200K = "o200k_base";
  public static final String ENDOFTEXT = "<|endoftext|>";

  static final String CL100K_PATTERN =
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  static final String O200K_PATTERN = String.join("|",
      "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
      "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
      "\\p{N}{1,3}",
      " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
      "\\s*[\\r\\n]+",
      "\\s+(?!\\S)",
      "\\s+");

  private TiktokenEncodings() {}

  public static boolean isKnown(String name) {
    return R50K.equals(name) || CL100K.equals(name) || O200K.equals(name);
  }

  static BpeModel load(String name) throws IOException {
    return switch (name) {
      case R50K -> build(name, new Gpt2PreTokenizer(), Map.of(ENDOFTEXT, 50256));
      case CL100K -> build(name, new Cl100kPreTokenizer(), Map.of(ENDOFTEXT, 100257,
          "<|fim_prefix|>", 100258, "<|fim_middle|>", 100259, "<|fim_suffix|>", 100260, "<|endofprompt|>", 100276));
      case O200K -> build(name, new O200kPreTokenizer(), Map.of(ENDOFTEXT, 199999, "<|endofprompt|>", 200018));
      default -> throw new IllegalArgumentException("unknown tiktoken encoding '" + name + "'; use " + R50K + ", "
          + CL100K + ", " + O200K + " or a tokenizer.json path");
    };
  }

  private static BpeModel build(String name, PreTokenizer pre, Map<String, Integer> specials) throws IOException {
    String resource = "com/knuddels/jtokkit/" + name + ".tiktoken";
    byte[] file;
    try (InputStream in = TiktokenEncodings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IOException(resource + " not on the classpath; add com.knuddels:jtokkit to the dependencies");
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      file = buf.toByteArray();
    }
    Map<ByteBuffer, Integer> ranks = new HashMap<>(300_000);
    int maxRank = -1;
    Base64.Decoder b64 = Base64.getDecoder();
    for (String line : new String(file, StandardCharsets.US_ASCII).split("\n")) {
      if (line.isBlank()) continue;
      int sp = line.indexOf(' ');
      int rank = Integer.parseInt(line.substring(sp + 1).trim());
      ranks.put(ByteBuffer.wrap(b64.decode(line.substring(0, sp))), rank);
      maxRank = Math.max(maxRank, rank);
    }
    byte[][] tokenBytes = new byte[maxRank + 1][];
    ranks.forEach((b, r) -> tokenBytes[r] = b.array());
    int[] byteIds = new int[256];
    for (int b = 0; b < 256; b++) {
      Integer r = ranks.get(ByteBuffer.wrap(new byte[] {(byte) b}));
      if (r == null) throw new IOException(resource + ": byte " + b + " has no rank");
      byteIds[b] = r;
    }
    // tiktoken merges two adjacent parts when their concatenated bytes have a rank; every split of every token into
    // two ranked halves is such a pair.
    MergeTable merges = new MergeTable(ranks.size() * 4);
    for (int r = 0; r < tokenBytes.length; r++) {
      byte[] t = tokenBytes[r];
      if (t == null || t.length < 2) continue;
      for (int k = 1; k < t.length; k++) {
        Integer left = ranks.get(ByteBuffer.wrap(t, 0, k).slice());
        Integer right = ranks.get(ByteBuffer.wrap(t, k, t.length - k).slice());
        if (left != null && right != null) merges.put(left, right, r, r);
      }
    }
    return new BpeModel(name, "tiktoken", sha256(file), pre, byteIds, merges, tokenBytes, specials, specials, false);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
