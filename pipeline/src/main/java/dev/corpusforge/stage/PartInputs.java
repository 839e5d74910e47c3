package dev.corpusforge.stage;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The inputs of a map-only stage, one per output part (input i makes part i), each with the identity that decides
 * whether a committed part can be reused ({@link PartCommit}), and a digest of the settings the parts depend on.
 */
public final class PartInputs {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** Part i's input path. */
  public final List<String> paths;
  final List<String> ids;
  final String settings;

  private PartInputs(List<String> paths, List<String> ids, String settings) {
    this.paths = paths;
    this.ids = ids;
    this.settings = settings;
  }

  public int size() { return paths.size(); }

  /** Inputs named by the caller: {@code ids.get(i)} must change whenever part i's input does. */
  public static PartInputs of(List<String> paths, List<String> ids, Object settings) {
    return new PartInputs(List.copyOf(paths), List.copyOf(ids), digest(settings));
  }

  /**
   * The Parquet part files of an earlier stage's document folders, in path order, each identified by its path within
   * the run directory, its size and the checksum its stage committed for it ({@link PartCommit#keptCrc}); a file
   * without a commit (written by hand) by its modification time instead. A rewritten input with other content is never
   * taken for the old one, and the identity does not depend on where the run directory is.
   */
  public static PartInputs parquetParts(RunDir run, List<String> folders, Object settings, Configuration conf)
      throws IOException {
    List<String> paths = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String root = new Path(run.root()).toUri().getPath();
    for (String folder : folders) {
      Path dir = new Path(folder);
      FileSystem fs = dir.getFileSystem(conf);
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) files.add(st);
      }
      files.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      for (FileStatus st : files) {
        String path = st.getPath().toUri().getPath();
        String relative = path.startsWith(root + "/") ? path.substring(root.length() + 1) : path;
        String name = st.getPath().getName();
        PartCommit c = PartCommit.read(new Path(new Path(dir, PartCommit.DIR),
            name.substring(0, name.length() - ".parquet".length()) + ".json"), conf);
        paths.add(st.getPath().toString());
        ids.add(relative + " " + st.getLen() + (c != null ? " crc " + c.keptCrc : " modified " + st.getModificationTime()));
      }
    }
    return new PartInputs(paths, ids, digest(settings));
  }

  /**
   * The given parts' files as one Dataset whose partition k is the k-th of {@code parts}, read whole and in order:
   * one scan per file, unioned. The writer reads them with files never split or packed together
   * ({@link StageWriter#writeByPart}).
   */
  public Dataset<Row> read(SparkSession spark, StructType schema, List<Integer> parts) {
    Dataset<Row> all = null;
    for (int part : parts) {
      Dataset<Row> one = schema == null ? spark.read().parquet(paths.get(part))
          : spark.read().schema(schema).parquet(paths.get(part));
      all = all == null ? one : all.union(one);
    }
    return all;
  }

  static String digest(Object settings) {
    try {
      byte[] json = JSON.writeValueAsString(settings).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 12);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest the stage settings: " + e, e);
    }
  }
}
