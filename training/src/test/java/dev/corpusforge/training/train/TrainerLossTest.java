package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.training.cli.TrainingCli;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Trainer loss (issue 8): a `train` process killed with SIGKILL in the middle of an averaging round, after its first
 * checkpoint, continues with `train --resume` from that checkpoint and ends bit for bit where an uninterrupted run
 * ends: same parameters, optimizer moments and data positions.
 */
class TrainerLossTest {
  private static final int MAX_STEPS = 30;
  private static final int ROUND = 10;

  private static List<String> trainArgs(Path run) {
    return new ArrayList<>(List.of("train", "--run-dir", run.toString(), "--max-steps", Integer.toString(MAX_STEPS),
        "--layers", "1", "--width", "16", "--heads", "2", "--context", "8", "--batch", "8", "--lr", "1e-2",
        "--warmup", "5", "--averaging-steps", Integer.toString(ROUND), "--checkpoint-every", Integer.toString(ROUND),
        "--workers", "2", "--master", "local[2]"));
  }

  @Test
  void killedMidRoundThenResumedEndsBitForBitWhereAnUninterruptedRunEnds(@TempDir Path dir) throws Exception {
    Path whole = dir.resolve("whole");
    Path killed = dir.resolve("killed");
    SyntheticShards.write(whole, 32, 20_000, 2_000);
    SyntheticShards.write(killed, 32, 20_000, 2_000);

    assertEquals(0, new CommandLine(new TrainingCli()).execute(trainArgs(whole).toArray(new String[0])));

    // The same training in its own JVM, killed once the first round's checkpoint is in place and the next round runs.
    Path checkpointDir = killed.resolve("model").resolve(Checkpoint.DIR_NAME);
    Process train = trainProcess(trainArgs(killed), dir.resolve("killed.log"));
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Files.exists(checkpointDir.resolve("state.bin")) && train.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(train.isAlive(), "the training ended before its first checkpoint: " + Files.readString(dir.resolve("killed.log")));
      Thread.sleep(300);
    } finally {
      train.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    long interruptedAt = Checkpoint.read(checkpointDir).state.step;
    assertTrue(interruptedAt > 0 && interruptedAt < MAX_STEPS, "killed at a checkpoint before the end: " + interruptedAt);

    List<String> resume = trainArgs(killed);
    resume.add("--resume");
    assertEquals(0, new CommandLine(new TrainingCli()).execute(resume.toArray(new String[0])));

    ModelState expected = Checkpoint.read(whole.resolve("model").resolve(Checkpoint.DIR_NAME)).state;
    ModelState resumed = Checkpoint.read(checkpointDir).state;
    assertEquals(MAX_STEPS, resumed.step);
    assertArrayEquals(expected.params, resumed.params);
    assertArrayEquals(expected.m, resumed.m);
    assertArrayEquals(expected.v, resumed.v);
    assertArrayEquals(expected.positions, resumed.positions);
  }

  /** `TrainingCli` in a fresh JVM with this JVM's classpath and options (heap, --add-opens). */
  private static Process trainProcess(List<String> args, Path log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) cmd.add(a);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(TrainingCli.class.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

}
