package dev.corpusforge.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.training.cli.TrainingCli;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `train` then `evaluate` through the command line on Megatron shards of a synthetic Markov language. */
class TrainingLearnsTest {
  private static final int VOCAB = 32;

  @Test
  void aTinyModelGetsClearlyBelowTheUnigramEntropyOfTheValidationTokens(@TempDir Path run) throws Exception {
    SyntheticShards.write(run, VOCAB, 40_000, 4_000);
    int code = new CommandLine(new TrainingCli()).execute("train", "--run-dir", run.toString(), "--max-steps", "60",
        "--layers", "1", "--width", "32", "--heads", "2", "--context", "16", "--batch", "16", "--lr", "1e-2",
        "--warmup", "10", "--averaging-steps", "30", "--checkpoint-every", "30", "--master", "local[2]");
    assertEquals(0, code, "train failed");
    assertEquals(0, new CommandLine(new TrainingCli()).execute("evaluate", "--run-dir", run.toString()), "evaluate failed");

    Path model = run.resolve("model");
    JsonNode eval = new ObjectMapper().readTree(model.resolve("eval.json").toFile());
    double loss = eval.get("loss").asDouble(), unigram = eval.get("unigramEntropy").asDouble();
    assertTrue(loss < unigram - 1.0, "validation loss " + loss + " nats/token is not clearly below the unigram entropy "
        + unigram + " of the validation tokens (the chain's conditional entropy is ln 2 = 0.693)");
    assertEquals(Math.exp(loss), eval.get("perplexity").asDouble(), 1e-9);
    List<String> csv = Files.readAllLines(model.resolve("loss.csv"));
    assertEquals(61, csv.size(), "one CSV row per step plus the header");
    assertTrue(Files.size(model.resolve("loss.png")) > 1000, "loss plot missing");

    // greedy decoding from the checkpoint follows the chain: every next token is one of the two successors
    Checkpoint checkpoint = Checkpoint.read(model.resolve(Checkpoint.DIR_NAME));
    assertEquals(60, checkpoint.state.step);
    Gpt gpt = new Gpt(checkpoint.config.gpt(checkpoint.vocab), ModelState.array(checkpoint.state.params, checkpoint.state.dataType()));
    int[] tokens = Sampler.generate(gpt, new int[] {3, 16}, 20, 0, 0, 1);
    for (int i = 2; i < tokens.length; i++) {
      int previous = tokens[i - 1];
      assertTrue(tokens[i] == (previous * 5 + 1) % VOCAB || tokens[i] == (previous * 5 + 8) % VOCAB,
          "generated " + tokens[i] + " after " + previous + ", not a successor in the chain");
    }
  }
}
