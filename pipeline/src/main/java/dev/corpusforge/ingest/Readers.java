package dev.corpusforge.ingest;

import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.ingest.readers.ArxivReader;
import dev.corpusforge.ingest.readers.CodeRepoReader;
import dev.corpusforge.ingest.readers.JsonlReader;
import dev.corpusforge.ingest.readers.ParquetReader;
import dev.corpusforge.ingest.readers.WarcReader;
import dev.corpusforge.ingest.readers.WikipediaDumpReader;

/** The reader for each source kind that `ingest --source` accepts. */
public final class Readers {
  public static final String KINDS = "web, wikipedia, arxiv, code, jsonl, parquet";

  private Readers() {}

  public static SourceReader forInput(IngestInput input, PipelineConfig config) {
    if (input.source == null) throw new IllegalArgumentException("an input needs a source kind: one of " + KINDS);
    String name = input.name != null ? input.name : input.source;
    switch (input.source) {
      case "web":
        return new WarcReader(name, config.ingest);
      case "jsonl":
        return new JsonlReader(name, input, config.ingest);
      case "wikipedia":
        return new WikipediaDumpReader(config.ingest);
      case "arxiv":
        return new ArxivReader(config.ingest);
      case "code":
        return new CodeRepoReader(config.ingest);
      case "parquet":
        return new ParquetReader(name, input, config.ingest);
      default:
        throw new IllegalArgumentException("unknown source kind '" + input.source + "'; use one of " + KINDS);
    }
  }
}
