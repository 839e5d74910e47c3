package dev.corpusforge.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of a run, in one typed tree. Defaults live in the field initializers of each section, with the source
 * of every published threshold in a comment; a YAML file overrides them and {@code --set path=value} overrides that.
 * {@code bin/corpusforge config --defaults} prints the whole tree.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class PipelineConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark settings used when the command starts its own session. */
  public SparkSettings spark = new SparkSettings();
  /** What `run` ingests: one entry per source. */
  public List<IngestInput> inputs = new ArrayList<>();
  public IngestConfig ingest = new IngestConfig();
  public CleanConfig clean = new CleanConfig();
  public QualityConfig quality = new QualityConfig();
  public DedupConfig dedup = new DedupConfig();
  public DecontaminateConfig decontaminate = new DecontaminateConfig();
  public TokenizeConfig tokenize = new TokenizeConfig();
  public ShardConfig shard = new ShardConfig();
  public StatsConfig stats = new StatsConfig();
  /** When programming errors in ingest and clean fail the stage. */
  public ErrorBudgetConfig errorBudget = new ErrorBudgetConfig();

  public static class SparkSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Master URL when none is given on the command line or by spark-submit. */
    public String master = "local[*]";
    /**
     * Shuffle partitions; 0 sizes them per stage from its input, one per 256 MB and at least one per core
     * ({@code stage/ShufflePartitions}): Spark's fixed default of 200 is far too many for local runs and too few at 10 TB.
     */
    public int shufflePartitions = 0;
    /**
     * Output files per stage. Fixed rather than derived from the input partitioning, so that the same input gives
     * the same files whatever the executor count. 0 means one file per 128 MB of input text.
     */
    public int outputFiles = 0;
  }

  /** One source of a run: its kind, its input paths (files, directories or globs; any Hadoop file system). */
  public static class IngestInput implements Serializable {
    private static final long serialVersionUID = 1L;
    public String source;
    public List<String> paths = new ArrayList<>();
    /** For jsonl and parquet: the name documents get as their source (default: the kind). */
    public String name;
    public String textField = "text";
    public String idField = "id";
    public String urlField = "url";
    public String titleField = "title";
  }
}
