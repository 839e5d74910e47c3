package dev.corpusforge.cli;

import dev.corpusforge.clean.CleanStage;
import dev.corpusforge.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Normalize, identify the language, apply the Gopher, C4, FineWeb or code rules and redact PII, per "
        + "source (clean.steps): DIR/ingest/*/ -> DIR/clean/, rejects with reason and signal values in "
        + "DIR/clean/_rejects/, counts by source and PII counters in DIR/clean/_counts.json.")
final class CleanCommand extends StageCommand {
  @Option(names = "--annotate-only", description = "Write every signal as a column and drop nothing (clean.annotateOnly)")
  boolean annotateOnly;

  @Override protected Stage stage() {
    return new CleanStage();
  }

  @Override public Integer call() throws Exception {
    if (annotateOnly) options.overrides.add("clean.annotateOnly=true");
    return super.call();
  }
}
