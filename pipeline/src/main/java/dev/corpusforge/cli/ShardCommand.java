package dev.corpusforge.cli;

import dev.corpusforge.shard.ShardStage;
import dev.corpusforge.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "shard", mixinStandardHelpOptions = true,
    description = "Write training shards from DIR/tokenize: DIR/shards/{train,val}/shard-NNNNN (Megatron-LM .bin/.idx, "
        + "or llm.c .bin with shard.format=llmc) and DIR/shards/manifest.json. Shuffle, split and mixture come from "
        + "shard.seed, shard.valFraction and shard.weights.")
final class ShardCommand extends StageCommand {
  @Override protected Stage stage() { return new ShardStage(); }
}
