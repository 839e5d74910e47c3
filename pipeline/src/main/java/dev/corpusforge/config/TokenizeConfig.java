package dev.corpusforge.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The tokenize stage and the tokenizer trainer. */
public class TokenizeConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The {@link #tokenizer} value that trains a BPE on the run's own documents before tokenizing with it. */
  public static final String TRAIN = "train";

  /**
   * Vocabulary: a tiktoken encoding shipped in jtokkit's jar (r50k_base = GPT-2, the vocabulary nanoGPT and llm.c
   * train GPT-2 with; cl100k_base; o200k_base) or the path of a byte-level BPE tokenizer.json (e.g. one made by
   * {@code train-tokenizer}), or {@code train}: learn a byte-level BPE on the documents about to be tokenized
   * ({@link Train}, written to {@code train.output}) and tokenize with it.
   */
  public String tokenizer = "r50k_base";
  /** The special token that ends every document in the shards (GPT-2's id 50256 in r50k_base). */
  public String endOfText = "<|endoftext|>";
  /**
   * Whether the strings of special and added tokens in a document ({@code <|endoftext|>}, {@code <|fim_prefix|>}, a
   * tokenizer.json's added tokens) become those tokens' ids. Default false: document text is ordinary text, as in
   * tiktoken's {@code encode_ordinary} (tiktoken's {@code encode} refuses such text unless told otherwise), so the
   * end-of-text id appears only where the shard stage ends a document; pages about language models quote these
   * strings.
   */
  public boolean allowSpecialTokens = false;
  /**
   * Stages whose documents are tokenized, in order of preference: the first one with complete output is used, so
   * tokenize runs on decontaminated text when that stage has run, else on deduplicated text, and so on.
   */
  public List<String> inputStages = new ArrayList<>(List.of("decontaminate", "dedup", "quality", "clean", "ingest"));
  public Train train = new Train();

  /** {@code train-tokenizer}: a byte-level BPE trained on the run's documents. */
  public static class Train implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Final vocabulary size, bytes and special tokens included (GPT-2's is 50,257). */
    public int vocabSize = 50_257;
    /** Pairs seen fewer times than this are never merged (the Hugging Face BpeTrainer's min_frequency; its default is 0). */
    public long minFrequency = 2;
    /** Special tokens, given the last ids of the vocabulary as in GPT-2 (<|endoftext|> = 50256). */
    public List<String> specialTokens = new ArrayList<>(List.of("<|endoftext|>"));
    /** Where the trained tokenizer.json goes; relative paths are under the run directory. */
    public String output = "tokenizer/tokenizer.json";
    /** Distinct pre-tokens kept for the merge loop on the driver: the most frequent ones (bounds driver memory). */
    public int maxWords = 2_000_000;
  }
}
