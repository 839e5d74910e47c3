package dev.corpusforge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line entry point: {@code bin/corpusforge <command>} locally, or the main class under spark-submit. */
@Command(name = "corpusforge", mixinStandardHelpOptions = true, version = "corpusforge 0.1.0",
    description = "Turns raw text (web archives, Wikipedia dumps, arXiv sources, code, JSONL/Parquet) into clean, "
        + "deduplicated, tokenized shards. Each stage reads DIR/<previous stage> and writes DIR/<stage>.",
    subcommands = {IngestCommand.class, CleanCommand.class, QualityCommand.class, TrainQualityCommand.class,
        DedupCommand.class, DecontaminateCommand.class, TokenizeCommand.class, ShardCommand.class, TrainTokenizerCommand.class, StatsCommand.class, ReportCommand.class,
        RunCommand.class, ExportCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class CorpusForge implements Runnable {
  @Override public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new CorpusForge());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
