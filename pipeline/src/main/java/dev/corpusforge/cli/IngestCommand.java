package dev.corpusforge.cli;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.IngestStage;
import dev.corpusforge.ingest.Readers;
import dev.corpusforge.stage.RunDir;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read one source's inputs into documents: DIR/ingest/<source>/ (Parquet), rejects with reasons in "
        + "DIR/ingest/_rejects/<source>/, per-file counts in DIR/ingest/_counts.json. Ingests of several sources "
        + "into one run directory accumulate.")
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--source", required = true, description = "Source kind: " + Readers.KINDS)
  String source;

  @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
      description = "Input files, directories or globs, comma-separated; local, hdfs:// or s3a://")
  List<String> inputs;

  @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "Run directory (any Hadoop path)")
  String runDir;

  @Option(names = "--name", description = "jsonl/parquet: the source name documents get (default: the kind)")
  String name;

  @Option(names = "--text-field", defaultValue = "text", description = "jsonl/parquet: text field (default: ${DEFAULT-VALUE})")
  String textField;

  @Option(names = "--id-field", defaultValue = "id", description = "jsonl/parquet: id field (default: ${DEFAULT-VALUE})")
  String idField;

  @Option(names = "--url-field", defaultValue = "url", description = "jsonl/parquet: url field (default: ${DEFAULT-VALUE})")
  String urlField;

  @Mixin Options options;

  @Override public Integer call() throws Exception {
    PipelineConfig config = options.load();
    IngestInput input = new IngestInput();
    input.source = source;
    input.paths = inputs;
    input.name = name;
    input.textField = textField;
    input.idField = idField;
    input.urlField = urlField;
    try (SparkSession spark = Sessions.create("ingest " + source, options.master, config)) {
      IngestStage.run(spark, new RunDir(runDir), input, config);
    }
    return 0;
  }
}
