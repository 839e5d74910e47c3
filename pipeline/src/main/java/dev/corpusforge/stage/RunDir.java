package dev.corpusforge.stage;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The layout of a run directory: one folder per stage. A stage's documents are the Parquet files under its folder
 * (ingest: one sub-folder per source); {@code _rejects/} holds what it dropped, {@code _counts.json} its counts, and
 * {@code _COMPLETE}, written last, marks it done. Works on any Hadoop path (file://, hdfs://, s3a://).
 */
public final class RunDir implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String REJECTS = "_rejects";
  public static final String COUNTS = "_counts.json";
  public static final String COMPLETE = "_COMPLETE";

  private final String root;

  public RunDir(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() { return root; }
  public Path stage(String stage) { return new Path(root, stage); }
  public Path rejects(String stage) { return new Path(stage(stage), REJECTS); }
  public Path counts(String stage) { return new Path(stage(stage), COUNTS); }
  public Path complete(String stage) { return new Path(stage(stage), COMPLETE); }

  public boolean isComplete(String stage, Configuration conf) throws IOException {
    Path marker = complete(stage);
    return marker.getFileSystem(conf).exists(marker);
  }

  /**
   * The document folders of a stage: for ingest, each source's sub-folder that was completed; for other stages the
   * stage folder itself. Fails with what to run first when the stage has no complete output.
   */
  public List<String> documentPaths(String stage, Configuration conf) throws IOException {
    Path dir = stage(stage);
    FileSystem fs = dir.getFileSystem(conf);
    List<String> paths = new ArrayList<>();
    if (fs.exists(new Path(dir, COMPLETE))) {
      paths.add(dir.toString());
    } else if (fs.exists(dir)) {
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".") && fs.exists(new Path(st.getPath(), COMPLETE))) {
          paths.add(st.getPath().toString());
        }
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalStateException("no complete output of stage '" + stage + "' in " + dir
          + "; run `bin/corpusforge " + stage + " --run-dir " + root + "` first");
    }
    paths.sort(String::compareTo);
    return paths;
  }
}
