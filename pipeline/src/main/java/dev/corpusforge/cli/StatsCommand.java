package dev.corpusforge.cli;

import dev.corpusforge.stage.Stage;
import dev.corpusforge.stats.StatsStage;
import picocli.CommandLine.Command;

@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Summarize every complete stage of a run directory (documents, characters and tokens in and out, "
        + "reject reasons, length, language, domain and code-language distributions, duplicate clusters, quality "
        + "signals, the shard mixture) into Parquet and CSV tables under DIR/stats/ and DIR/stats/summary.json.")
final class StatsCommand extends StageCommand {
  @Override protected Stage stage() {
    return new StatsStage();
  }
}
