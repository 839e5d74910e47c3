package dev.corpusforge.stage;

import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.decontaminate.DecontaminateStage;
import dev.corpusforge.dedup.DedupStage;
import dev.corpusforge.quality.QualityStage;
import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.stats.StatsStage;
import dev.corpusforge.tokenize.TokenizeStage;
import java.util.List;

/** The stages after ingest, in the order `run` executes them. */
public final class Pipeline {
  private Pipeline() {}

  public static List<Stage> stages() {
    return List.of(new CleanStage(), new QualityStage(), new DedupStage(), new DecontaminateStage(),
        new TokenizeStage(), new ShardStage(), new StatsStage());
  }
}
