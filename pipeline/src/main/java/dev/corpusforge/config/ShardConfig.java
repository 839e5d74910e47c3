package dev.corpusforge.config;

import java.io.Serializable;
import java.util.TreeMap;

/** The shard stage: order, split, mixture and format of the token files a trainer reads. */
public class ShardConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** "megatron" (Megatron-LM .bin/.idx indexed datasets) or "llmc" (llm.c .bin: 256-int32 header, then tokens). */
  public String format = "megatron";
  /** Tokens per shard, approximately (documents are never split): 10^8, the shard size of llm.c's fineweb.py. */
  public long shardTokens = 100_000_000L;
  /**
   * Fraction of documents (by hash of id) in the validation split. 1%: small enough to cost little training data,
   * large enough that a sample-sized run still has a validation shard (nanoGPT's openwebtext uses 0.05%).
   */
  public double valFraction = 0.01;
  /** Seed of the shuffle and the split (Megatron-LM's default --seed is 1234). */
  public long seed = 1234;
  /**
   * Mixture: source name → weight, the fraction of output tokens that source contributes (normalised to sum 1),
   * as in Megatron-LM's blended datasets. A source's documents are repeated (upsampling) or sampled (downsampling)
   * to reach its share; the total token count stays that of the input. Empty: natural proportions. A source left out
   * of a non-empty map gets weight 0.
   */
  public TreeMap<String, Double> weights = new TreeMap<>();
}
