package dev.corpusforge.cli;

import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every Spark command takes. */
public class Options {
  @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else the config's spark.master, local[*])")
  String master;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML config; any key left out keeps its default (see `config --defaults`)")
  String config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key, e.g. --set clean.language.keep=en,bg (repeatable)")
  List<String> overrides = new ArrayList<>();

  PipelineConfig load() throws IOException {
    return ConfigLoader.load(config, overrides);
  }
}
