package dev.corpusforge.cli;

import dev.corpusforge.stage.Stage;
import dev.corpusforge.tokenize.TokenizeStage;
import picocli.CommandLine.Command;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Encode documents into token ids: DIR/tokenize/ (Parquet with `tokens` and `token_count`). Reads the "
        + "first complete stage of tokenize.inputStages (decontaminate, dedup, quality, clean, ingest). Vocabulary: tokenize.tokenizer "
        + "(r50k_base, cl100k_base, o200k_base or a tokenizer.json path).")
final class TokenizeCommand extends StageCommand {
  @Override protected Stage stage() { return new TokenizeStage(); }
}
