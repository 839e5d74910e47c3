package dev.corpusforge.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A stage's {@code _counts.json}: per group (input file for ingest, source for later stages) documents read, kept
 * and rejected by reason, with text bytes; totals; and named counters a stage adds (PII replacements, clusters).
 * For every group read = kept + rejected by construction ({@link #add}); what can fail is {@link #checkReads}: a stage
 * must read, per source, what the stage before it kept.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class StageCounts {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public String stage;
  /** What the groups are: "file" or "source". */
  public String groupBy;
  public Group total = new Group();
  public TreeMap<String, Group> groups = new TreeMap<>();
  public TreeMap<String, Long> counters = new TreeMap<>();

  /** Counter of input bytes passed over as damaged (skipped regions, and the rest of a file after fatal damage). */
  public static final String BYTES_SKIPPED = "bytes_skipped";
  /** Counter of records read after damage in the same file: what resynchronization recovered. */
  public static final String RECOVERED = "recovered_after_damage";

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Group {
    public long read;
    public long kept;
    public long rejected;
    public long bytesRead;
    public long bytesKept;
    public TreeMap<String, Long> rejectedByReason = new TreeMap<>();
    /** The stage's counters for this group alone, where it has them (ingest: bytes skipped, records recovered). */
    public TreeMap<String, Long> counters = new TreeMap<>();

    void add(boolean kept, String reason, long docs, long bytes) {
      read += docs;
      bytesRead += bytes;
      if (kept) {
        this.kept += docs;
        bytesKept += bytes;
      } else {
        rejected += docs;
        rejectedByReason.merge(reason, docs, Long::sum);
      }
    }

    void addAll(Group g) {
      read += g.read;
      kept += g.kept;
      rejected += g.rejected;
      bytesRead += g.bytesRead;
      bytesKept += g.bytesKept;
      g.rejectedByReason.forEach((k, v) -> rejectedByReason.merge(k, v, Long::sum));
      g.counters.forEach((k, v) -> counters.merge(k, v, Long::sum));
    }
  }

  /** Adds to a counter of one group and of the total (zeros are left out). */
  public void count(String group, String counter, long n) {
    if (n == 0) return;
    groups.computeIfAbsent(group, k -> new Group()).counters.merge(counter, n, Long::sum);
    total.counters.merge(counter, n, Long::sum);
  }

  public void add(String group, String reason, long docs, long bytes) {
    groups.computeIfAbsent(group, k -> new Group()).add(reason == null, reason, docs, bytes);
    total.add(reason == null, reason, docs, bytes);
  }

  /**
   * Adds the groups of an earlier count set that this one does not replace (ingest of a second source into the same
   * run directory keeps the first source's groups). Counters are per stage run, so only this set's are kept.
   */
  public void mergeGroups(StageCounts earlier, java.util.function.Predicate<String> replaced) {
    earlier.groups.forEach((k, g) -> {
      if (!groups.containsKey(k) && !replaced.test(k)) {
        groups.put(k, g);
        total.addAll(g);
      }
    });
  }

  /**
   * What a stage reading {@code paths} (its input stage's document folders) must read of each source: what the input
   * stage kept of it, from that stage's {@code _counts.json}; for ingest, only the sources whose folders are among
   * {@code paths}. Null when the input stage has no counts file (documents written there by hand), which leaves
   * nothing to hold the reads to.
   */
  public static Map<String, Long> keptBySource(RunDir run, String inputStage, List<String> paths, Configuration conf)
      throws IOException {
    Path file = run.counts(inputStage);
    if (!exists(file, conf)) return null;
    StageCounts input = read(file, conf);
    Set<String> folders = new TreeSet<>();
    for (String p : paths) folders.add(new Path(p).getName());
    boolean perSource = "file".equals(input.groupBy) && !folders.contains(run.stage(inputStage).getName());
    Map<String, Long> kept = new TreeMap<>();
    input.groups.forEach((group, g) -> {
      // ingest counts by input file, "<source>:<file>"
      String source = "file".equals(input.groupBy) ? group.substring(0, Math.max(0, group.indexOf(':'))) : group;
      if (!perSource || folders.contains(source)) kept.merge(source, g.kept, Long::sum);
    });
    kept.values().removeIf(n -> n == 0);
    return kept;
  }

  /**
   * Fails the stage unless it read, of every source, exactly the documents its input stage kept ({@code expected},
   * from {@link #keptBySource}; null skips the check): a document lost or read twice between two stages shows here.
   */
  public void checkReads(Map<String, Long> expected) {
    if (expected == null) return;
    List<String> problems = new ArrayList<>();
    Set<String> sources = new TreeSet<>(expected.keySet());
    sources.addAll(groups.keySet());
    for (String source : sources) {
      long want = expected.getOrDefault(source, 0L);
      long got = groups.containsKey(source) ? groups.get(source).read : 0;
      if (want != got) problems.add(source + ": read " + got + ", the input stage kept " + want);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(stage + ": documents read do not match what the input stage kept ("
          + String.join("; ", problems) + "); the input changed during the run or a stage loses records: rerun with "
          + "`bin/corpusforge run --force`, and report it if it happens again");
    }
  }

  public void write(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    try (OutputStream out = fs.create(path, true)) {
      out.write(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  public static StageCounts read(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    try (InputStream in = fs.open(path)) {
      return JSON.readValue(in, StageCounts.class);
    }
  }

  public static boolean exists(Path path, Configuration conf) throws IOException {
    return path.getFileSystem(conf).exists(path);
  }

  /** One line for the log: documents, what the stage read (characters of text, in millions), time and rate. */
  public String summaryLine(double seconds) {
    return String.format(java.util.Locale.ROOT, "%s: read %,d, kept %,d, rejected %,d (%s), %.1f M chars of text in, %.1f s, %.2f M chars/s%s",
        stage, total.read, total.kept, total.rejected, total.rejectedByReason,
        total.bytesRead / 1e6, seconds, seconds > 0 ? total.bytesRead / 1e6 / seconds : 0.0, damage());
  }

  /** Programming errors, and the bytes of input files skipped as damaged or left unread, when there are any. */
  private String damage() {
    Map<String, Long> errors = ErrorBudget.errors(total);
    long skipped = total.counters.getOrDefault(BYTES_SKIPPED, 0L);
    long recovered = total.counters.getOrDefault(RECOVERED, 0L);
    return (errors.isEmpty() ? "" : "; programming errors " + errors)
        + (skipped == 0 ? "" : String.format("; %,d bytes of damaged input skipped or left unread, %,d records "
            + "recovered after damage", skipped, recovered));
  }
}
