package dev.corpusforge.training.model;

/**
 * The model's shape and nothing else (llm.c's GPT2Config): blocks, residual width, attention heads, context length,
 * vocabulary, and whether the output projection is the token embedding (GPT-2) or a separate matrix.
 */
public record GptConfig(int layers, int width, int heads, int context, int vocab, boolean tieEmbedding) {
  public GptConfig {
    if (layers < 1 || heads < 1 || context < 1 || vocab < 1)
      throw new IllegalArgumentException("layers " + layers + ", heads " + heads + ", context " + context + ", vocab " + vocab
          + ": each must be >= 1");
    if (width % heads != 0)
      throw new IllegalArgumentException("width " + width + " is not a multiple of heads " + heads + "; change --width or --heads");
  }

  /** How error messages name a model, in the words of the training config: "layers 4, width 128, ..., over 2048 tokens". */
  @Override
  public String toString() {
    return "layers " + layers + ", width " + width + ", heads " + heads + ", context " + context + ", output projection "
        + (tieEmbedding ? "tied to the embedding" : "untied") + ", over " + vocab + " tokens";
  }
}
