package dev.corpusforge.cli;

import dev.corpusforge.quality.QualityStage;
import dev.corpusforge.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quality", mixinStandardHelpOptions = true,
    description = "Score DIR/clean with quality.model (a Spark ML PipelineModel folder, fasttext:PATH with quality.label, "
        + "or train) into DIR/quality: metadata.quality_score on every document; documents of quality.filterSources "
        + "failing quality.keep (pareto: GPT-3's Pareto(9) draw, seeded by id; threshold) go to DIR/quality/_rejects "
        + "as quality:low-score with the score.")
final class QualityCommand extends StageCommand {
  @Option(names = "--annotate-only", description = "Score and record the would-be verdict, drop nothing")
  boolean annotateOnly;

  @Override protected Stage stage() {
    return new QualityStage(annotateOnly);
  }
}
