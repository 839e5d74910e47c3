package dev.corpusforge.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A stage's {@code _counts.json}: per group (input file for ingest, source for later stages) documents read, kept
 * and rejected by reason, with text bytes; totals; and named counters a stage adds (PII replacements, clusters).
 * For every group read = kept + rejected, which {@link #check()} enforces before the file is written.
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

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Group {
    public long read;
    public long kept;
    public long rejected;
    public long bytesRead;
    public long bytesKept;
    public TreeMap<String, Long> rejectedByReason = new TreeMap<>();

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
    }
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

  public void check() {
    for (var e : groups.entrySet()) {
      Group g = e.getValue();
      long byReason = g.rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
      if (g.read != g.kept + g.rejected || byReason != g.rejected) {
        throw new IllegalStateException("counts of " + stage + " do not reconcile for " + e.getKey());
      }
    }
  }

  public void write(Path path, Configuration conf) throws IOException {
    check();
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
    return String.format("%s: read %,d, kept %,d, rejected %,d (%s), %.1f M chars of text in, %.1f s, %.2f M chars/s",
        stage, total.read, total.kept, total.rejected, total.rejectedByReason,
        total.bytesRead / 1e6, seconds, seconds > 0 ? total.bytesRead / 1e6 / seconds : 0.0);
  }
}
