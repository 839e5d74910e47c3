package dev.corpusforge.ingest;

import dev.corpusforge.io.Compression;
import dev.corpusforge.io.DecompressionBudget;
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
  private final long maxDecompressedBytes;
  /** The stream last opened by {@link #open()}, for how far a reader got; per task, never shipped. */
  private transient FSDataInputStream opened;

  public InputFile(String path, long length, HadoopConf conf) {
    this(path, length, conf, Long.MAX_VALUE);
  }

  private InputFile(String path, long length, HadoopConf conf, long maxDecompressedBytes) {
    this.path = path;
    this.length = length;
    this.conf = conf;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  /** This file with a cap on the bytes it may decompress to (ingest.maxArchiveBytes). */
  public InputFile withDecompressionLimit(long maxBytes) {
    return new InputFile(path, length, conf, maxBytes);
  }

  /**
   * A fresh budget of decompressed bytes for this file. {@link #openDecompressed()} uses one; a reader that inflates
   * more on top (zip entries) wraps those streams with the same budget, so the whole file counts against the cap.
   */
  public DecompressionBudget decompressionBudget() {
    return new DecompressionBudget(path, maxDecompressedBytes);
  }

  public String path() { return path; }
  public long length() { return length; }
  public HadoopConf conf() { return conf; }

  /** The file name, without folders: what error messages and entry names use. */
  public String name() { return new Path(path).getName(); }

  public FSDataInputStream open() throws IOException {
    Path p = new Path(path);
    opened = p.getFileSystem(conf.get()).open(p);
    return opened;
  }

  /**
   * How far into the file the stream last opened by {@link #open()} got (read-ahead buffers included), or -1 when
   * the file was not opened that way (a directory unit): what a `corrupt` reject reports as bytes left unread.
   */
  public long bytesRead() {
    if (opened == null) return -1;
    try {
      return opened.getPos();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Opens the file, decompressing .gz and .bz2 by extension, within the file's decompression cap. */
  public InputStream openDecompressed() throws IOException {
    return openDecompressed(decompressionBudget());
  }

  /** Opens the file, decompressing .gz and .bz2 by extension, counting the decompressed bytes against {@code budget}. */
  public InputStream openDecompressed(DecompressionBudget budget) throws IOException {
    return Compression.decompress(open(), path, budget);
  }

  @Override public String toString() { return path; }
}
