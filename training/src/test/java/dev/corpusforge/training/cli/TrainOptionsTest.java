package dev.corpusforge.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The named `train` options are shorthands for one `--set` each, applied in command-line order; --help lists every key. */
class TrainOptionsTest {
  @Test
  void namedOptionsAndSetBecomeOneOrderedListOfOverrides() {
    CommandLine.ParseResult parsed = TrainingCli.commandLine().parseArgs("train", "--run-dir", "r", "--lr", "3e-3",
        "--set", "weightDecay=0.05", "--no-tie-embedding", "--batch", "4", "--max-steps", "9", "--workers", "2");
    TrainingCli.Train train = (TrainingCli.Train) parsed.subcommand().commandSpec().userObject();
    assertEquals(List.of("learningRate=3e-3", "weightDecay=0.05", "tieEmbedding=false", "batchPerWorker=4", "maxSteps=9",
        "workers=2"), train.overrides);
  }

  @Test
  void helpListsEveryConfigKeyWithItsDefault() {
    StringWriter out = new StringWriter();
    CommandLine cli = TrainingCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("train", "--help"));
    assertTrue(out.toString().contains("\"weightDecay\" : 0.1") && out.toString().contains("\"averagingSteps\" : 4"),
        out.toString());
  }
}
