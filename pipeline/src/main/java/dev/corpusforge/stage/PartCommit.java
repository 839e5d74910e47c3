package dev.corpusforge.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The commit of one part of a stage, {@code _parts/part-NNNNN.json}: written by the task after its kept and rejects
 * files are complete, it names the input the part was made from and the settings it was made under, and holds the
 * part's counts and its files' checksums (by which a later map-only stage names this part as its input). A rerun of the stage reuses every part whose commit names the same input and settings and redoes
 * the rest; a part file without its commit (a task killed mid-write) is redone. One small file, written in one
 * piece: a torn or unreadable commit is no commit.
 */
public final class PartCommit {
  public static final String DIR = "_parts";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The input's identity: its path (relative to the run directory when inside it), size and content digest or time. */
  public String input;
  /** A digest of the stage settings the part depends on. */
  public String settings;
  public PartCounts counts;
  /** CRC-32 of the part's kept file and of its rejects file as written: what a later stage's commits name it by. */
  public long keptCrc;
  public long rejectsCrc;

  public PartCommit() {}

  PartCommit(String input, String settings, PartCounts counts, long keptCrc, long rejectsCrc) {
    this.input = input;
    this.settings = settings;
    this.counts = counts;
    this.keptCrc = keptCrc;
    this.rejectsCrc = rejectsCrc;
  }

  /** The part's file name under the documents, rejects and commit folders, without extension. */
  public static String partName(int part) {
    return String.format(Locale.ROOT, "part-%05d", part);
  }

  static Path path(Path commits, int part) {
    return new Path(commits, partName(part) + ".json");
  }

  void write(Path commits, int part, Configuration conf) throws IOException {
    Path p = path(commits, part);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      out.write(JSON.writeValueAsBytes(this));
    }
  }

  /** The commit of {@code part}, or null when there is none or it cannot be read. */
  static PartCommit read(Path commits, int part, Configuration conf) throws IOException {
    return read(path(commits, part), conf);
  }

  /** The commit at {@code p}, or null when there is none or it cannot be read. */
  static PartCommit read(Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) return null;
    try (InputStream in = fs.open(p)) {
      PartCommit c = JSON.readValue(in, PartCommit.class);
      return c.input == null || c.settings == null || c.counts == null ? null : c;
    } catch (IOException e) {
      return null;
    }
  }
}
