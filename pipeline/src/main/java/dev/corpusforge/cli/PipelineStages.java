package dev.corpusforge.cli;

import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.decontaminate.DecontaminateStage;
import dev.corpusforge.dedup.DedupStage;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.quality.QualityStage;
import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stats.StatsStage;
import dev.corpusforge.tokenize.TokenizeStage;
import java.util.ArrayList;
import java.util.List;

/** The stages of {@code run}, in order: an ingest per configured input, then the later stages. */
public final class PipelineStages {
  private PipelineStages() {}

  public static List<Stage> of(PipelineConfig config) {
    List<Stage> stages = new ArrayList<>();
    for (IngestInput input : config.inputs) stages.add(new IngestStage(input));
    stages.addAll(afterIngest());
    return stages;
  }

  /** The stages after ingest. */
  public static List<Stage> afterIngest() {
    return List.of(new CleanStage(), new QualityStage(), new DedupStage(), new DecontaminateStage(),
        new TokenizeStage(), new ShardStage(), new StatsStage());
  }
}
