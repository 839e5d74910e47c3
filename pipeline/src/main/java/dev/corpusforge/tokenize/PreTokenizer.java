package dev.corpusforge.tokenize;

import java.io.Serializable;

/**
 * Splits text into the pieces that BPE merges within (never across): the "pre-tokens" of a byte-level BPE tokenizer.
 * Implementations reproduce a published regex exactly; pieces are reported as consecutive char ranges.
 */
public interface PreTokenizer extends Serializable {
  /** Receives one piece {@code text[start, end)}. */
  interface Pieces {
    void piece(int start, int end);
  }

  /** Reports the pieces of {@code text[from, to)} in order. */
  void split(String text, int from, int to, Pieces out);
}
