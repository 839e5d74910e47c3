package dev.corpusforge.stage;

import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.tokenize.TokenizeStage;
import java.util.List;

/** The stages after ingest, in the order `run` executes them. */
public final class Pipeline {
  private Pipeline() {}

  public static List<Stage> stages() {
    return List.of(new TokenizeStage(), new ShardStage());
  }
}
