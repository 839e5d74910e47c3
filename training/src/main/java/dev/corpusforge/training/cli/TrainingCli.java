package dev.corpusforge.training.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.training.model.Backend;
import dev.corpusforge.training.model.Gpt;
import dev.corpusforge.training.model.Sampler;
import dev.corpusforge.training.train.Checkpoint;
import dev.corpusforge.training.train.Evaluator;
import dev.corpusforge.training.train.LocalTrainer;
import dev.corpusforge.training.train.LossCurve;
import dev.corpusforge.training.train.ModelState;
import dev.corpusforge.training.train.PretrainedWeights;
import dev.corpusforge.training.train.ShardTokens;
import dev.corpusforge.training.train.TokenSource;
import dev.corpusforge.training.train.TrainConfig;
import dev.corpusforge.training.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** `bin/corpusforge train | evaluate | generate | export-model`: the training module's command line. */
@Command(name = "corpusforge-training", mixinStandardHelpOptions = true,
    subcommands = {TrainingCli.Train.class, TrainingCli.Evaluate.class, TrainingCli.Generate.class,
        TrainingCli.ExportModel.class},
    description = "Train, evaluate and sample a GPT-style model on the token shards of a run directory.")
public final class TrainingCli implements Runnable {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with `train --help` listing every training config key and its default. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TrainingCli());
    CommandLine train = cli.getSubcommands().get("train");
    List<String> footer = new ArrayList<>(List.of(train.getCommandSpec().usageMessage().footer()));
    footer.addAll(List.of(new TrainConfig().toJson().replace("%", "%%").split("\n")));
    train.getCommandSpec().usageMessage().footer(footer.toArray(new String[0]));
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  static Path manifest(Path runDir) {
    Path file = runDir.resolve("shards").resolve(ShardManifest.FILE_NAME);
    if (!Files.exists(file))
      throw new IllegalArgumentException(file + " does not exist; run the shard stage first (bin/corpusforge shard --run-dir " + runDir + ")");
    return file;
  }

  /** The given manifest, else RUN/shards/manifest.json for a checkpoint at RUN/model/checkpoint. */
  static Path manifestOf(Path checkpointDir, Path manifestFile) {
    return manifestFile != null ? manifestFile
        : checkpointDir.toAbsolutePath().getParent().getParent().resolve("shards").resolve(ShardManifest.FILE_NAME);
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train on RUN/shards (train split) with parameter averaging over Spark workers; checkpoints to RUN/model.",
      footer = {"", "Every training config key with its default (--set KEY=VALUE; the named options above are shorthands):"})
  static final class Train implements Callable<Integer> {
    @Option(names = "--run-dir", required = true, description = "Run directory holding shards/manifest.json.") Path runDir;
    @Option(names = "--config", description = "Training config JSON file (the keys below); --set and the named options override it.") Path configFile;
    @Option(names = "--resume", description = "Continue from RUN/model/checkpoint (its config; --max-steps may extend it).") boolean resume;
    @Option(names = "--init-from", description = "Fine-tune: start from this checkpoint's weights (e.g. OTHER_RUN/model/checkpoint)"
        + " with a fresh optimizer and schedule; the model takes its shape.") Path initFrom;
    @Option(names = "--master", description = "Spark master when not run by spark-submit (default ${DEFAULT-VALUE}).",
        defaultValue = "local[*]") String master;

    /** KEY=VALUE overrides of the training config, in command-line order, and each key's option as given. */
    final List<String> overrides = new ArrayList<>();
    final Map<String, String> given = new HashMap<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one training config key, e.g. --set weightDecay=0.05 (repeatable).")
    void set(String override) { set(override, "--set " + override); }

    private void set(String override, String option) {
      overrides.add(override);
      given.put(override.substring(0, Math.max(0, override.indexOf('='))).trim(), option);
    }
    @Option(names = "--max-steps", paramLabel = "N", description = "Optimizer steps (maxSteps).") void maxSteps(String v) { set("maxSteps=" + v, "--max-steps " + v); }
    @Option(names = "--workers", paramLabel = "W", description = "Spark workers averaging their models (workers).") void workers(String v) { set("workers=" + v, "--workers " + v); }
    @Option(names = "--averaging-steps", paramLabel = "K", description = "Local steps between averagings (averagingSteps).") void averagingSteps(String v) { set("averagingSteps=" + v, "--averaging-steps " + v); }
    @Option(names = "--batch", paramLabel = "B", description = "Sequences per batch on each worker (batchPerWorker).") void batch(String v) { set("batchPerWorker=" + v, "--batch " + v); }
    @Option(names = "--layers", paramLabel = "L", description = "Transformer blocks (layers).") void layers(String v) { set("layers=" + v, "--layers " + v); }
    @Option(names = "--width", paramLabel = "C", description = "Residual width (width).") void width(String v) { set("width=" + v, "--width " + v); }
    @Option(names = "--heads", paramLabel = "H", description = "Attention heads (heads).") void heads(String v) { set("heads=" + v, "--heads " + v); }
    @Option(names = "--context", paramLabel = "T", description = "Context length in tokens (context).") void context(String v) { set("context=" + v, "--context " + v); }
    @Option(names = "--tie-embedding", negatable = true, description = "Output projection shares the token embedding, as"
        + " GPT-2; --no-tie-embedding adds a separate vocab x width output matrix (tieEmbedding).") void tieEmbedding(boolean v) { set("tieEmbedding=" + v, v ? "--tie-embedding" : "--no-tie-embedding"); }
    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate (learningRate).") void lr(String v) { set("learningRate=" + v, "--lr " + v); }
    @Option(names = "--warmup", paramLabel = "N", description = "Linear warmup steps (warmupSteps).") void warmup(String v) { set("warmupSteps=" + v, "--warmup " + v); }
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints; the last step always writes one (checkpointEvery).") void checkpointEvery(String v) { set("checkpointEvery=" + v, "--checkpoint-every " + v); }
    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialisation and data order (seed).") void seed(String v) { set("seed=" + v, "--seed " + v); }

    @Override
    public Integer call() throws Exception {
      Path manifestFile = manifest(runDir);
      ShardManifest manifest = ShardManifest.read(manifestFile);
      Path modelDir = runDir.resolve("model");
      Path checkpointDir = modelDir.resolve(Checkpoint.DIR_NAME);
      TrainConfig config;
      ModelState state;
      int vocab = manifest.tokenizer.vocabSize;
      if (resume && initFrom != null)
        throw new IllegalArgumentException("--resume continues this run's own checkpoint, --init-from starts a new run from"
            + " another's weights; give one of them");
      if (resume) {
        Checkpoint checkpoint = Checkpoint.read(checkpointDir);
        config = checkpoint.config;
        TrainConfig requested = config.withOverrides(overrides);
        if (!requested.modelShape().equals(config.modelShape()))
          throw new IllegalArgumentException("cannot resume " + checkpointDir + ": it holds a model of " + config.modelShape()
              + ", the options ask for " + requested.modelShape() + "; drop the model options to resume it, or train the"
              + " new model in another run directory");
        List<String> changed = new ArrayList<>();
        if (configFile != null) changed.add("--config " + configFile);
        for (String key : config.differences(requested))
          if (!key.equals("maxSteps")) changed.add(given.get(key) + " (saved " + TrainConfig.value(config, key) + ")");
        if (!changed.isEmpty())
          throw new IllegalArgumentException("cannot resume " + checkpointDir + " with " + String.join(", ", changed)
              + ": a resumed run keeps its checkpoint's config (only --max-steps may change), so that it continues as"
              + " the interrupted run would have; drop those options, or train with them in another run directory");
        config.maxSteps = requested.maxSteps;
        state = checkpoint.state;
        vocab = checkpoint.vocab;
      } else if (initFrom != null) {
        config = configFile == null ? new TrainConfig() : TrainConfig.fromJson(Files.readString(configFile));
        PretrainedWeights weights = PretrainedWeights.read(initFrom);
        if (configFile == null) weights.takeShape(config);
        config = config.withOverrides(overrides).validate();
        state = weights.initialState(config, vocab);
        System.err.println("[train] initialised from the weights of " + initFrom);
      } else {
        config = configFile == null ? new TrainConfig() : TrainConfig.fromJson(Files.readString(configFile));
        config = config.withOverrides(overrides).validate();
        state = LocalTrainer.initialState(config, vocab, config.workers);
      }
      config.validate();
      Files.createDirectories(modelDir);
      System.err.println("[train] backend " + Backend.describe() + "; " + state.params.length + " parameters ("
          + config.modelShape() + "); vocab " + vocab + " (" + manifest.tokenizer.name + "); "
          + manifest.tokens(ShardManifest.TRAIN) + " train tokens");
      SparkConf conf = new SparkConf().setAppName("corpusforge-train");
      if (!conf.contains("spark.master")) conf.setMaster(master);
      // the broadcast and shuffled states are float32 parameters and moments, which LZ4 barely shrinks: skip the CPU cost
      conf.setIfMissing("spark.broadcast.compress", "false").setIfMissing("spark.shuffle.compress", "false");
      try (JavaSparkContext spark = new JavaSparkContext(conf)) {
        new TrainingRun(spark, config, vocab, ShardTokens.factory(manifestFile, ShardManifest.TRAIN), modelDir).run(state);
      }
      LossCurve.plot(modelDir.resolve(LossCurve.FILE_NAME), modelDir.resolve("loss.png"), null);
      System.out.println("checkpoint " + checkpointDir + ", loss curve " + modelDir.resolve(LossCurve.FILE_NAME));
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true,
      description = "Validation loss (nats/token) and perplexity of RUN/model/checkpoint on the val shards; writes RUN/model/eval.json and loss.png.")
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--run-dir", required = true) Path runDir;
    @Option(names = "--max-windows", description = "Evaluate at most this many validation windows (0 = all).",
        defaultValue = "0") int maxWindows;

    @Override
    public Integer call() throws Exception {
      Path manifestFile = manifest(runDir);
      Path modelDir = runDir.resolve("model");
      Checkpoint checkpoint = Checkpoint.read(modelDir.resolve(Checkpoint.DIR_NAME));
      Gpt model = new Gpt(checkpoint.config.gpt(checkpoint.vocab), ModelState.array(checkpoint.state.params, checkpoint.state.dataType()));
      Evaluator.Result result;
      try (TokenSource val = new ShardTokens(manifestFile, ShardManifest.VAL)) {
        result = Evaluator.evaluate(model, val, maxWindows, checkpoint.config.batchPerWorker, checkpoint.state.step);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(modelDir.resolve("eval.json").toFile(), result);
      Path csv = modelDir.resolve(LossCurve.FILE_NAME);
      if (Files.exists(csv)) LossCurve.plot(csv, modelDir.resolve("loss.png"), result.loss());
      System.out.printf("step %d: validation loss %.4f nats/token, perplexity %.2f over %d tokens (unigram entropy %.4f)%n",
          result.step(), result.loss(), result.perplexity(), result.tokens(), result.unigramEntropy());
      return 0;
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Sample a continuation of a prompt from a checkpoint, decoded with the shards' tokenizer.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "A checkpoint directory, e.g. RUN/model/checkpoint.") Path checkpointDir;
    @Option(names = "--manifest", description = "Manifest naming the tokenizer (default: ../../shards/manifest.json from the checkpoint).") Path manifestFile;
    @Option(names = "--prompt", required = true) String prompt;
    @Option(names = "--max-tokens", defaultValue = "50") int maxTokens;
    @Option(names = "--temperature", defaultValue = "0.8") double temperature;
    @Option(names = "--top-k", defaultValue = "40") int topK;
    @Option(names = "--seed", defaultValue = "1") long seed;

    @Override
    public Integer call() throws Exception {
      Checkpoint checkpoint = Checkpoint.read(checkpointDir);
      Path manifestPath = manifestOf(checkpointDir, manifestFile);
      ShardManifest manifest = ShardManifest.read(manifestPath);
      TokenCodec codec = TokenCodec.of(manifest.tokenizer, manifestPath.getParent());
      Gpt model = new Gpt(checkpoint.config.gpt(checkpoint.vocab), ModelState.array(checkpoint.state.params, checkpoint.state.dataType()));
      int[] ids = Sampler.generate(model, codec.encode(prompt), maxTokens, temperature, topK, seed);
      System.out.println(codec.decode(ids));
      return 0;
    }
  }

  @Command(name = "export-model", mixinStandardHelpOptions = true,
      description = "Write a checkpoint as a Hugging Face GPT-2 model directory (config.json, model.safetensors,"
          + " tokenizer.json) or as llm.c's GPT-2 model file (OUT/" + LlmcExport.FILE_NAME + ").")
  static final class ExportModel implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "A checkpoint directory, e.g. RUN/model/checkpoint.") Path checkpointDir;
    @Option(names = "--format", required = true, description = "hf (transformers' GPT2LMHeadModel) or llmc (llm.c's train_gpt2.c).") String format;
    @Option(names = "--output", required = true, description = "Output directory.") Path output;
    @Option(names = "--manifest", description = "Manifest naming the tokenizer (default: ../../shards/manifest.json from the checkpoint).") Path manifestFile;

    @Override
    public Integer call() throws Exception {
      Checkpoint checkpoint = Checkpoint.read(checkpointDir);
      switch (format) {
        case "hf" -> {
          Path manifestPath = manifestOf(checkpointDir, manifestFile);
          ShardManifest manifest = ShardManifest.read(manifestPath);
          for (Path p : HuggingFaceExport.write(checkpoint, manifest, manifestPath.toAbsolutePath().getParent(), output))
            System.out.println("wrote " + p);
          if (!"huggingface".equals(manifest.tokenizer.kind))
            System.out.println("no tokenizer.json: the shards use tiktoken's " + manifest.tokenizer.name
                + (manifest.tokenizer.name.equals("r50k_base") ? ", which is GPT-2's (transformers: GPT2TokenizerFast"
                    + ".from_pretrained(\"openai-community/gpt2\"))" : ""));
        }
        case "llmc" -> System.out.println("wrote " + LlmcExport.write(checkpoint, output));
        default -> throw new IllegalArgumentException("--format " + format + ": use hf or llmc");
      }
      return 0;
    }
  }
}
