package dev.corpusforge.ingest;

import dev.corpusforge.io.HadoopConf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Expands input paths (files, directories, globs, on any Hadoop file system) into the sorted list of input units. */
public final class InputFiles {
  private InputFiles() {}

  public static List<InputFile> list(List<String> paths, SourceReader reader, Configuration conf) throws IOException {
    HadoopConf shipped = new HadoopConf(conf);
    List<InputFile> out = new ArrayList<>();
    for (String p : paths) {
      Path path = new Path(p);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new IllegalArgumentException("input " + p + " does not exist (or the glob matches nothing)");
      }
      for (FileStatus st : matches) collect(st, fs, reader, shipped, out, true);
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  private static void collect(FileStatus st, FileSystem fs, SourceReader reader, HadoopConf conf, List<InputFile> out,
                              boolean named) throws IOException {
    String name = st.getPath().getName();
    // Hidden and marker files (_SUCCESS, .crc) are skipped inside folders, as Spark does; a named file is always read.
    if (!named && (name.startsWith(".") || name.startsWith("_"))) return;
    if (st.isDirectory()) {
      if (reader.isUnit(st.getPath(), fs)) {
        out.add(new InputFile(st.getPath().toString(), fs.getContentSummary(st.getPath()).getLength(), conf));
      } else {
        for (FileStatus child : fs.listStatus(st.getPath())) collect(child, fs, reader, conf, out, false);
      }
    } else {
      out.add(new InputFile(st.getPath().toString(), st.getLen(), conf));
    }
  }
}
