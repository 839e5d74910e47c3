package dev.corpusforge.ingest;

import dev.corpusforge.io.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/** One input file of an ingest, openable on any executor through the Hadoop FileSystem API. */
public final class InputFile implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long length;
  private final HadoopConf conf;

  public InputFile(String path, long length, HadoopConf conf) {
    this.path = path;
    this.length = length;
    this.conf = conf;
  }

  public String path() { return path; }
  public long length() { return length; }
  public HadoopConf conf() { return conf; }

  /** The file name, without folders: what error messages and entry names use. */
  public String name() { return new Path(path).getName(); }

  public FSDataInputStream open() throws IOException {
    Path p = new Path(path);
    return p.getFileSystem(conf.get()).open(p);
  }

  /** Opens the file, decompressing .gz and .bz2 by extension. */
  public InputStream openDecompressed() throws IOException {
    return dev.corpusforge.io.Compression.decompress(open(), path);
  }

  @Override public String toString() { return path; }
}
