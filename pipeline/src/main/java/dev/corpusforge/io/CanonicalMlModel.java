package dev.corpusforge.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Makes a folder that Spark ML's {@code model.write().save()} wrote depend only on the model, so that retraining on
 * the same data gives byte-identical files. Spark stamps each {@code metadata/part-00000} with the save time, names
 * each data file with a random UUID, and parquet-java orders a footer's encodings by identity hash
 * ({@link CanonicalParquet}); the stages' uids, the other source of difference, are fixed by the caller.
 */
public final class CanonicalMlModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Spark's data file name: {@code part-00000-<uuid>-c000.zstd.parquet}. */
  private static final Pattern DATA_FILE = Pattern.compile("(part-\\d+)-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}(-c\\d+.*\\.parquet)");

  private CanonicalMlModel() {}

  /** Rewrites {@code folder} in place: metadata timestamps 0, data files under UUID-free names with canonical footers. */
  public static void canonicalize(FileSystem fs, Path folder) throws IOException {
    for (FileStatus s : fs.listStatus(folder)) {
      Path p = s.getPath();
      String name = p.getName();
      if (s.isDirectory()) {
        canonicalize(fs, p);
      } else if (name.equals("part-00000") && folder.getName().equals("metadata")) {
        clearTimestamp(fs, p);
      } else {
        Matcher m = DATA_FILE.matcher(name);
        if (m.matches()) {
          CanonicalParquet.copy(fs, p, new Path(folder, m.group(1) + m.group(2)));
          fs.delete(p, false);
        }
      }
    }
  }

  /** The metadata file is one JSON object per line (one line); its {@code timestamp} becomes 0. */
  private static void clearTimestamp(FileSystem fs, Path p) throws IOException {
    String text;
    try (InputStream in = fs.open(p)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ObjectNode metadata = (ObjectNode) JSON.readTree(text);
    metadata.put("timestamp", 0L);
    try (OutputStream out = fs.create(p, true)) {
      out.write((JSON.writeValueAsString(metadata) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
