package dev.corpusforge.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.training.train.Checkpoint;
import dev.corpusforge.training.train.SyntheticShards;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `train --init-from`: a model trained on corpus A, fine-tuned on a related corpus B (its Markov chain shares one of
 * the two successors of every token with A's), reaches a lower validation loss on B than the same model trained from
 * scratch on B for the same steps; it starts at step 0 with the checkpoint's shape, and other shapes are refused.
 */
class FineTuneTest {
  private static final int VOCAB = 48;
  private static final int STEPS = 25;

  @Test
  void fineTunedModelBeatsTrainingFromScratchForTheSameSteps(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a"), scratch = dir.resolve("b-scratch"), tuned = dir.resolve("b-tuned");
    SyntheticShards.write(a, VOCAB, 30_000, 2_000, 7);
    SyntheticShards.write(scratch, VOCAB, 30_000, 2_000, 11);
    SyntheticShards.write(tuned, VOCAB, 30_000, 2_000, 11);
    assertEquals(0, cli(train(a, "60", "--layers", "2", "--width", "32", "--heads", "2", "--context", "16")));

    assertEquals(0, cli(train(scratch, Integer.toString(STEPS), "--layers", "2", "--width", "32", "--heads", "2", "--context", "16")));
    Path pretrained = a.resolve("model").resolve(Checkpoint.DIR_NAME);
    assertEquals(0, cli(train(tuned, Integer.toString(STEPS), "--init-from", pretrained.toString())));

    Checkpoint after = Checkpoint.read(tuned.resolve("model").resolve(Checkpoint.DIR_NAME));
    assertEquals(STEPS, after.state.step, "a fine-tuning run counts its own steps from 0");
    assertEquals(32, after.config.width, "the model takes the checkpoint's shape");
    double scratchLoss = evaluate(scratch), tunedLoss = evaluate(tuned);
    assertTrue(tunedLoss < scratchLoss - 0.1, "fine-tuned " + tunedLoss + " vs from scratch " + scratchLoss);
  }

  @Test
  void otherShapeOrVocabularyIsRefused(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
    SyntheticShards.write(a, VOCAB, 5_000, 1_000);
    SyntheticShards.write(b, VOCAB, 5_000, 1_000);
    SyntheticShards.write(c, VOCAB + 1, 5_000, 1_000);
    assertEquals(0, cli(train(a, "2", "--layers", "1", "--width", "8", "--heads", "2", "--context", "8")));
    String pretrained = a.resolve("model").resolve(Checkpoint.DIR_NAME).toString();

    StringWriter shape = new StringWriter();
    assertNotEquals(0, cli(train(b, "2", "--init-from", pretrained, "--width", "16"), shape));
    assertTrue(shape.toString().contains("width 8") && shape.toString().contains("width 16")
        && shape.toString().contains("drop the model options"), shape.toString());
    StringWriter vocab = new StringWriter();
    assertNotEquals(0, cli(train(c, "2", "--init-from", pretrained), vocab));
    assertTrue(vocab.toString().contains("vocabulary of " + VOCAB + " tokens"), vocab.toString());
    StringWriter both = new StringWriter();
    assertNotEquals(0, cli(train(b, "2", "--init-from", pretrained, "--resume"), both));
    assertTrue(both.toString().contains("give one of them"), both.toString());
  }

  private static List<String> train(Path run, String steps, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--run-dir", run.toString(), "--max-steps", steps,
        "--batch", "8", "--lr", "1e-2", "--warmup", "3", "--averaging-steps", "100", "--master", "local[1]"));
    args.addAll(List.of(extra));
    return args;
  }

  private static double evaluate(Path run) throws Exception {
    assertEquals(0, cli(List.of("evaluate", "--run-dir", run.toString())));
    return new ObjectMapper().readTree(run.resolve("model").resolve("eval.json").toFile()).get("loss").asDouble();
  }

  private static int cli(List<String> args) {
    return cli(args, new StringWriter());
  }

  private static int cli(List<String> args, StringWriter err) {
    return new CommandLine(new TrainingCli()).setErr(new PrintWriter(err, true)).execute(args.toArray(new String[0]));
  }
}
