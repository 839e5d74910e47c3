package dev.corpusforge.training.train;

import java.io.Serializable;

/** Opens a token source where the work runs (on a Spark executor: the shards must be readable there). */
@FunctionalInterface
public interface TokenSourceFactory extends Serializable {
  TokenSource open();
}
