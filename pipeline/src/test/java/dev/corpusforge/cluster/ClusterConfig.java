package dev.corpusforge.cluster;

import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.Readers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the config {@code scripts/cluster-test.sh} runs: a run config (e.g. configs/sample.yaml) with every relative
 * input path made absolute under a root, and only the inputs whose source kind has a reader, so the test covers each
 * reader as soon as it is registered. Usage: {@code ClusterConfig CONFIG_IN CONFIG_OUT ROOT PATHS_OUT}; PATHS_OUT
 * gets the relative input paths, one per line (what the test copies to HDFS).
 */
public final class ClusterConfig {
  private ClusterConfig() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: ClusterConfig CONFIG_IN CONFIG_OUT ROOT PATHS_OUT");
      System.exit(2);
    }
    PipelineConfig config = ConfigLoader.load(args[0], List.of());
    String root = args[2].endsWith("/") ? args[2] : args[2] + "/";
    List<IngestInput> kept = new ArrayList<>();
    List<String> relative = new ArrayList<>();
    for (IngestInput input : config.inputs) {
      try {
        Readers.forInput(input, config);
      } catch (IllegalArgumentException e) {
        System.err.println("[cluster-config] input " + input.source + " " + input.paths + " left out: " + e.getMessage());
        continue;
      }
      List<String> paths = new ArrayList<>();
      for (String p : input.paths) {
        if (p.startsWith("/") || p.contains("://")) {
          paths.add(p);
        } else {
          paths.add(root + p);
          relative.add(p);
        }
      }
      input.paths = paths;
      kept.add(input);
    }
    if (kept.isEmpty()) throw new IllegalArgumentException(args[0] + ": no input has a registered reader");
    config.inputs = kept;
    Files.writeString(Path.of(args[1]), ConfigLoader.toYaml(config), StandardCharsets.UTF_8);
    Files.write(Path.of(args[3]), relative, StandardCharsets.UTF_8);
  }
}
