package dev.corpusforge.cli;

import dev.corpusforge.config.ConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Print the effective configuration as YAML: the defaults, or a config file with --set overrides applied.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin Options options;

  @picocli.CommandLine.Option(names = "--defaults", description = "Print the built-in defaults (ignores --config)")
  boolean defaults;

  @Override public Integer call() throws Exception {
    if (defaults) options.config = null;
    System.out.print(ConfigLoader.toYaml(options.load()));
    return 0;
  }
}
