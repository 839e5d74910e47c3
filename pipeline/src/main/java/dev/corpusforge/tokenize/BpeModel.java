package dev.corpusforge.tokenize;

import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable byte-level BPE vocabulary: how text is split into pieces, the id of every single byte, the merges, the
 * bytes of every token and the special tokens. Built once per JVM (see {@link Tokenizers}) and shared by the
 * per-thread {@link BpeEncoder}s.
 */
public final class BpeModel {
  final String name;
  final String kind;
  final String sha256;
  final PreTokenizer preTokenizer;
  final int[] byteIds;
  final MergeTable merges;
  final byte[][] tokenBytes;
  final int vocabSize;
  /** Special tokens by content. */
  final Map<String, Integer> specialTokens;
  /**
   * Tokens that an encoder allowing special tokens matches in the text before pre-tokenization: Hugging Face's added
   * tokens, tiktoken's special tokens. An ordinary encoder treats their strings as text.
   */
  final Map<String, Integer> addedTokens;
  /** Hugging Face ByteLevel(add_prefix_space=true): a space is prepended to text that does not start with one. */
  final boolean addPrefixSpace;

  BpeModel(String name, String kind, String sha256, PreTokenizer preTokenizer, int[] byteIds, MergeTable merges,
           byte[][] tokenBytes, Map<String, Integer> specialTokens, Map<String, Integer> addedTokens, boolean addPrefixSpace) {
    this.name = name;
    this.kind = kind;
    this.sha256 = sha256;
    this.preTokenizer = preTokenizer;
    this.byteIds = byteIds;
    this.merges = merges;
    this.tokenBytes = tokenBytes;
    this.specialTokens = java.util.Collections.unmodifiableMap(new TreeMap<>(specialTokens));
    this.addedTokens = java.util.Collections.unmodifiableMap(new TreeMap<>(addedTokens));
    this.addPrefixSpace = addPrefixSpace;
    int max = tokenBytes.length - 1;
    for (int id : specialTokens.values()) max = Math.max(max, id);
    for (int id : addedTokens.values()) max = Math.max(max, id);
    this.vocabSize = max + 1;
  }

  public String name() { return name; }
  /** "tiktoken" or "huggingface". */
  public String kind() { return kind; }
  /** sha256 of the vocabulary file (tiktoken ranks or tokenizer.json). */
  public String sha256() { return sha256; }
  public int vocabSize() { return vocabSize; }
  public Map<String, Integer> specialTokens() { return specialTokens; }

  /** The id of a special token, failing with the known ones when it is absent. */
  public int specialToken(String content) {
    Integer id = specialTokens.get(content);
    if (id == null) {
      throw new IllegalArgumentException("tokenizer " + name + " has no special token " + content + "; it has " + specialTokens.keySet());
    }
    return id;
  }

  /**
   * A new encoder of ordinary text (special and added token strings are text); encoders hold a cache and buffers, so
   * use one per thread (per Spark partition).
   */
  public BpeEncoder newEncoder() { return new BpeEncoder(this, false); }

  /** A new encoder that, when {@code allowSpecialTokens}, turns the strings of {@link #addedTokens} into their ids. */
  public BpeEncoder newEncoder(boolean allowSpecialTokens) { return new BpeEncoder(this, allowSpecialTokens); }

  /** Every string an encoder allowing special tokens matches in the text (special and added tokens) with its id. */
  public Map<String, Integer> addedTokens() { return addedTokens; }

  /** The bytes of the tokens, concatenated (special tokens as their text). */
  public byte[] decodeBytes(int[] tokens, int off, int len) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Map<Integer, String> specials = new TreeMap<>();
    specialTokens.forEach((k, v) -> specials.put(v, k));
    addedTokens.forEach((k, v) -> specials.put(v, k));
    for (int i = off; i < off + len; i++) {
      int t = tokens[i];
      byte[] b = t < tokenBytes.length ? tokenBytes[t] : null;
      if (b == null) {
        String s = specials.get(t);
        if (s == null) throw new IllegalArgumentException("token " + t + " is not in vocabulary " + name);
        b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  public String decode(int[] tokens) {
    return new String(decodeBytes(tokens, 0, tokens.length), java.nio.charset.StandardCharsets.UTF_8);
  }
}
