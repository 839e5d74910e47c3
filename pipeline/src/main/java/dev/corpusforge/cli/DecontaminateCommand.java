package dev.corpusforge.cli;

import dev.corpusforge.decontaminate.DecontaminateStage;
import dev.corpusforge.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "decontaminate", mixinStandardHelpOptions = true,
    description = "Remove benchmark overlap (GPT-3's 13-gram rule) from the latest complete of DIR/dedup, quality, clean "
        + "into DIR/decontaminate: a document sharing a normalized n-gram with an item of decontaminate.evalSets "
        + "(JSONL/Parquet; fields, idField) is dropped (decontaminate:ngram) or, with action cut, loses each span and "
        + "200 characters around it. Rejects and cuts record the eval set, item id and n-gram.")
final class DecontaminateCommand extends StageCommand {
  @Override protected Stage stage() {
    return new DecontaminateStage();
  }
}
