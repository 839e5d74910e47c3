package dev.corpusforge.training.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.model.ParamLayout;
import dev.corpusforge.training.train.Checkpoint;
import dev.corpusforge.training.train.LocalTrainer;
import dev.corpusforge.training.train.ModelState;
import dev.corpusforge.training.train.SyntheticShards;
import dev.corpusforge.training.train.TinyModels;
import dev.corpusforge.training.train.TokenSource;
import dev.corpusforge.training.train.TrainConfig;
import dev.corpusforge.training.train.WindowSampler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An untied model (separate output matrix) through checkpoints: the flag is recorded, the extra matrix and its AdamW
 * moments round-trip and training continues bit for bit; `train`, `evaluate` and `--resume` rebuild the same model,
 * and a resume asking for another model shape is refused.
 */
class CheckpointUntiedTest {
  private static final int VOCAB = 13;

  private static LocalTrainer trainer(TrainConfig c, ModelState state) {
    TokenSource data = TokenSource.of(SyntheticShards.markovTokens(3000, VOCAB, 5));
    return new LocalTrainer(c, VOCAB, state, 0, new WindowSampler(data, c.context, 0, 1, c.seed));
  }

  @Test
  void untiedStateRoundTripsAndContinuesBitForBit(@TempDir Path dir) {
    TrainConfig c = TinyModels.tiny(false, false);
    ModelState start = LocalTrainer.initialState(c, VOCAB, 1);
    assertEquals(ParamLayout.of(c.gpt(VOCAB)).size(), start.params.length);

    LocalTrainer whole = trainer(c, start);
    whole.fit(6);
    ModelState expected = whole.state(1);

    LocalTrainer first = trainer(c, start);
    first.fit(3);
    new Checkpoint(c, VOCAB, first.state(1)).write(dir);
    Checkpoint saved = Checkpoint.read(dir);
    assertFalse(saved.config.tieEmbedding, "checkpoint.json lost the untied flag");
    assertArrayEquals(first.state(1).params, saved.state.params);
    assertArrayEquals(first.state(1).v, saved.state.v);
    LocalTrainer resumed = trainer(saved.config, saved.state);
    resumed.fit(3);
    ModelState after = resumed.state(1);

    assertArrayEquals(expected.params, after.params);
    assertArrayEquals(expected.m, after.m);
    assertArrayEquals(expected.v, after.v);
    // the output matrix trained (gradient, AdamW moments), and apart from the embedding
    ParamLayout.Slot lmhead = ParamLayout.of(c.gpt(VOCAB)).slots().get(ParamLayout.UNTIED_OUTPUT);
    int from = (int) lmhead.offset(), to = (int) (lmhead.offset() + lmhead.length());
    assertNotEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(start.params, from, to)),
        java.util.Arrays.toString(java.util.Arrays.copyOfRange(after.params, from, to)));
    assertTrue(java.util.Arrays.stream(after.v, from, to).allMatch(x -> x > 0), "lmhead has no second moment");
  }

  @Test
  void checkpointWhoseConfigDoesNotMatchItsStateIsRefused(@TempDir Path dir) throws Exception {
    TrainConfig c = TinyModels.tiny(false, false);
    new Checkpoint(c, VOCAB, LocalTrainer.initialState(c, VOCAB, 1)).write(dir);
    Path json = dir.resolve("checkpoint.json");
    Files.writeString(json, Files.readString(json).replace("\"tieEmbedding\" : false", "\"tieEmbedding\" : true"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(dir));
    assertTrue(e.getMessage().contains("tied to the embedding") && e.getMessage().contains("do not belong together"),
        e.getMessage());
  }

  @Test
  void trainEvaluateAndResumeRebuildTheUntiedModel(@TempDir Path run) throws Exception {
    SyntheticShards.write(run, VOCAB, 5_000, 1_000);
    Path checkpointDir = run.resolve("model").resolve(Checkpoint.DIR_NAME);
    assertEquals(0, cli(train(run, "--max-steps", "2", "--no-tie-embedding")));
    Checkpoint trained = Checkpoint.read(checkpointDir);
    assertFalse(trained.config.tieEmbedding);
    assertEquals(ParamLayout.of(trained.config.gpt(VOCAB)).size(), trained.state.params.length);
    TrainConfig tied = trained.config.copy();
    tied.tieEmbedding = true;
    assertEquals(ParamLayout.of(tied.gpt(VOCAB)).size() + (long) VOCAB * tied.width, trained.state.params.length);

    assertEquals(0, cli(List.of("evaluate", "--run-dir", run.toString())));
    assertTrue(Files.exists(run.resolve("model").resolve("eval.json")));

    StringWriter err = new StringWriter();
    assertNotEquals(0, cli(train(run, "--resume", "--max-steps", "4", "--tie-embedding"), err));
    assertTrue(err.toString().contains("cannot resume") && err.toString().contains("output projection untied")
        && err.toString().contains("tied to the embedding"), err.toString());
    assertEquals(2, Checkpoint.read(checkpointDir).state.step, "a refused resume must not train");

    StringWriter changedLr = new StringWriter();
    assertNotEquals(0, cli(train(run, "--resume", "--max-steps", "4", "--lr", "0.5"), changedLr));
    assertTrue(changedLr.toString().contains("cannot resume") && changedLr.toString().contains("--lr 0.5"),
        changedLr.toString());
    assertEquals(2, Checkpoint.read(checkpointDir).state.step, "a refused resume must not train");

    assertEquals(0, cli(train(run, "--resume", "--max-steps", "4", "--no-tie-embedding")));
    Checkpoint resumed = Checkpoint.read(checkpointDir);
    assertEquals(4, resumed.state.step);
    assertFalse(resumed.config.tieEmbedding);
  }

  /** A 2-worker run on local[2], so that the untied state is also averaged. */
  private static List<String> train(Path run, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--run-dir", run.toString(), "--layers", "1", "--width", "8",
        "--heads", "2", "--context", "8", "--batch", "4", "--warmup", "1", "--averaging-steps", "1",
        "--checkpoint-every", "2", "--workers", "2", "--master", "local[2]"));
    args.addAll(List.of(extra));
    return args;
  }

  private static int cli(List<String> args) {
    return cli(args, new StringWriter());
  }

  private static int cli(List<String> args, StringWriter err) {
    return new CommandLine(new TrainingCli()).setErr(new PrintWriter(err, true)).execute(args.toArray(new String[0]));
  }
}
