package dev.corpusforge.cli;

import dev.corpusforge.dedup.DedupStage;
import dev.corpusforge.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "dedup", mixinStandardHelpOptions = true,
    description = "Remove duplicates from DIR/clean into DIR/dedup: exact (normalized text, all sources), URL (web), "
        + "MinHash-LSH near-duplicates (FineWeb defaults: 5-grams, 14 bands x 8 rows) clustered by connected "
        + "components, and lines repeated across documents (CCNet). Rejects go to DIR/dedup/_rejects with reason "
        + "dedup:exact|url|near|lines and the cluster and kept document in the details. Settings: the `dedup` section "
        + "of `bin/corpusforge config --defaults`.")
final class DedupCommand extends StageCommand {
  @Override protected Stage stage() {
    return new DedupStage();
  }
}
