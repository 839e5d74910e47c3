package dev.corpusforge.training.train;

import java.nio.file.Path;

/**
 * `train --init-from CHECKPOINT`: a new run that starts from another run's trained parameters, with fresh AdamW
 * moments, step 0 (so a new warmup and decay schedule) and data position 0 — fine-tuning, not resuming. The model must
 * have the checkpoint's shape and vocabulary; anything else is refused rather than partly loaded.
 */
public final class PretrainedWeights {
  private final Path dir;
  private final Checkpoint checkpoint;

  private PretrainedWeights(Path dir, Checkpoint checkpoint) {
    this.dir = dir;
    this.checkpoint = checkpoint;
  }

  public static PretrainedWeights read(Path checkpointDir) {
    return new PretrainedWeights(checkpointDir, Checkpoint.read(checkpointDir));
  }

  /** Copies the checkpoint's model shape into {@code config} (model options given on the command line then override it). */
  public void takeShape(TrainConfig config) {
    config.layers = checkpoint.config.layers;
    config.width = checkpoint.config.width;
    config.heads = checkpoint.config.heads;
    config.context = checkpoint.config.context;
    config.tieEmbedding = checkpoint.config.tieEmbedding;
  }

  /** The initial state of a run of {@code config} on shards of {@code vocab} tokens, with the checkpoint's weights. */
  public ModelState initialState(TrainConfig config, int vocab) {
    if (!checkpoint.config.modelShape().equals(config.modelShape()))
      throw new IllegalArgumentException("cannot initialise from " + dir + ": it holds a model of "
          + checkpoint.config.modelShape() + ", this run asks for " + config.modelShape() + "; drop the model options"
          + " (--layers, --width, --heads, --context, --[no-]tie-embedding, or those of --config) to take the checkpoint's");
    if (checkpoint.vocab != vocab)
      throw new IllegalArgumentException("cannot initialise from " + dir + ": its model has a vocabulary of "
          + checkpoint.vocab + " tokens, these shards' tokenizer has " + vocab + "; fine-tune on shards encoded with the"
          + " tokenizer of the checkpoint's run");
    ModelState fresh = LocalTrainer.initialState(config, vocab, config.workers);
    return new ModelState(0, fresh.positions, checkpoint.state.params.clone(), fresh.m, fresh.v, fresh.doublePrecision);
  }
}
