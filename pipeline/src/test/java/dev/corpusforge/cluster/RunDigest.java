package dev.corpusforge.cluster;

import dev.corpusforge.stage.PartCommit;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * A manifest of a run directory's output, one line per file: path relative to the run directory, and a SHA-256.
 * Hidden entries ({@code .stage.tmp} left by an interrupted write, {@code .crc}) are not output and are skipped.
 * <ul>
 *   <li>{@code bytes}: the SHA-256 of each file's bytes, for runs that read the same input paths;</li>
 *   <li>{@code rows}: Parquet files are digested row by row in file order with every {@code --strip} prefix removed
 *       from the values, other files with the prefixes removed from their bytes. Two runs over the same inputs at
 *       different locations (hdfs:// and file://) then agree exactly, although provenance.file records where each read
 *       its input. Part commits ({@code _parts/}), which name inputs by location, are left out.</li>
 * </ul>
 * Usage: {@code RunDigest [--strip PREFIX]... (bytes|rows) RUN_DIR OUT_FILE [(bytes|rows) RUN_DIR OUT_FILE]...}
 */
public final class RunDigest {
  private RunDigest() {}

  public static void main(String[] args) throws Exception {
    List<String> strip = new ArrayList<>();
    int i = 0;
    while (i < args.length && args[i].equals("--strip")) {
      strip.add(args[i + 1]);
      i += 2;
    }
    if (i == args.length || (args.length - i) % 3 != 0) {
      System.err.println("usage: RunDigest [--strip PREFIX]... (bytes|rows) RUN_DIR OUT_FILE [...]");
      System.exit(2);
    }
    // Longest first, so a prefix that contains another is removed whole.
    strip.sort((a, b) -> b.length() - a.length());
    Configuration conf = new Configuration();
    for (; i < args.length; i += 3) {
      boolean rows = switch (args[i]) {
        case "rows" -> true;
        case "bytes" -> false;
        default -> throw new IllegalArgumentException("mode must be bytes or rows, got " + args[i]);
      };
      Path run = new Path(args[i + 1]);
      TreeMap<String, String> manifest = new TreeMap<>();
      FileSystem fs = run.getFileSystem(conf);
      String base = fs.getFileStatus(run).getPath().toString();
      walk(fs, fs.getFileStatus(run), base, rows, strip, conf, manifest);
      List<String> lines = new ArrayList<>();
      manifest.forEach((k, v) -> lines.add(k + "\t" + v));
      Files.write(java.nio.file.Path.of(args[i + 2]), lines, StandardCharsets.UTF_8);
      System.err.printf("[run-digest] %s: %d files (%s)%n", run, lines.size(), args[i]);
    }
  }

  private static void walk(FileSystem fs, FileStatus dir, String base, boolean rows, List<String> strip,
                           Configuration conf, TreeMap<String, String> out) throws Exception {
    for (FileStatus st : fs.listStatus(dir.getPath())) {
      if (st.getPath().getName().startsWith(".")) continue;
      if (st.isDirectory()) {
        // Spark ML writes a timestamp and random file names into a saved model; the scores it gives are compared in
        // the quality stage's output instead.
        if (st.getPath().getName().equals("quality-model")) continue;
        // Part commits name each part's input by where it was read and when it was written, and its file checksums
        // (which follow provenance.file): equal in runs over the same input paths, not across locations. Their counts
        // are those of _counts.json, compared anyway.
        if (rows && st.getPath().getName().equals(PartCommit.DIR)) continue;
        walk(fs, st, base, rows, strip, conf, out);
        continue;
      }
      String rel = st.getPath().toString().substring(base.length() + 1);
      boolean parquet = st.getPath().getName().endsWith(".parquet");
      // Prefixes are removed from Parquet values and small text files (counts, manifests), not from binary shards.
      boolean small = st.getLen() <= (16 << 20);
      out.put(rel, rows && parquet ? rowDigest(st.getPath(), strip, conf)
          : byteDigest(fs, st.getPath(), rows && small ? strip : List.of()));
    }
  }

  private static String rowDigest(Path file, List<String> strip, Configuration conf) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long n = 0;
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
      for (Group g = reader.read(); g != null; g = reader.read(), n++) {
        sha.update(stripped(g.toString(), strip).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
    }
    return "rows=" + n + "\t" + HexFormat.of().formatHex(sha.digest());
  }

  private static String byteDigest(FileSystem fs, Path file, List<String> strip) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = fs.open(file)) {
      if (strip.isEmpty()) {
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) sha.update(buf, 0, r);
      } else {
        sha.update(stripped(new String(in.readAllBytes(), StandardCharsets.UTF_8), strip).getBytes(StandardCharsets.UTF_8));
      }
    }
    return "bytes\t" + HexFormat.of().formatHex(sha.digest());
  }

  private static String stripped(String s, List<String> strip) {
    for (String p : strip) s = s.replace(p, "");
    return s;
  }

}
