package dev.corpusforge.ingest;

import dev.corpusforge.io.Compression;
import dev.corpusforge.io.DecompressionBudget;
import dev.corpusforge.io.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.LongAccumulator;

/** One input file of an ingest, openable on any executor through the Hadoop FileSystem API. */
public final class InputFile implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long length;
  private final HadoopConf conf;
  private final long maxDecompressedBytes;
  /** The stream last opened by {@link #open()}, for how far a reader got; per task, never shipped. */
  private transient FSDataInputStream opened;
  /** For one of several tasks reading a multistream dump: the streams this one reads; null for the whole file. */
  private final MultistreamSplit split;
  /** Where the bytes this file decompresses to are added up for the ingest summary; null when nobody asks. */
  private final LongAccumulator decompressed;

  public InputFile(String path, long length, HadoopConf conf) {
    this(path, length, conf, Long.MAX_VALUE, null, null);
  }

  private InputFile(String path, long length, HadoopConf conf, long maxDecompressedBytes, MultistreamSplit split,
                    LongAccumulator decompressed) {
    this.path = path;
    this.length = length;
    this.conf = conf;
    this.maxDecompressedBytes = maxDecompressedBytes;
    this.split = split;
    this.decompressed = decompressed;
  }

  /** This file with a cap on the bytes it may decompress to (ingest.maxArchiveBytes). */
  public InputFile withDecompressionLimit(long maxBytes) {
    return new InputFile(path, length, conf, maxBytes, split, decompressed);
  }

  /** This file with its decompressed bytes added to {@code total}. */
  public InputFile countingDecompressed(LongAccumulator total) {
    return new InputFile(path, length, conf, maxDecompressedBytes, split, total);
  }

  /** This file as read by one of several tasks: {@link #openDecompressed()} gives only the split's streams. */
  InputFile withSplit(MultistreamSplit s) {
    return new InputFile(path, length, conf, maxDecompressedBytes, s, decompressed);
  }

  /**
   * A fresh budget of decompressed bytes for this file. {@link #openDecompressed()} uses one; a reader that inflates
   * more on top (zip entries) wraps those streams with the same budget, so the whole file counts against the cap.
   */
  public DecompressionBudget decompressionBudget() {
    return new DecompressionBudget(path, maxDecompressedBytes, decompressed);
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
    return split != null ? split.open(open(), budget) : Compression.decompress(open(), path, budget);
  }

  /**
   * What names this file's part of an ingest for reuse after an interruption: path, size, modification time and, for
   * a split, its byte range; for a directory unit (a code repository), the bytes, count and latest modification time
   * of the files under it.
   */
  public String identity() throws IOException {
    Path p = new Path(path);
    org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(conf.get());
    org.apache.hadoop.fs.FileStatus st = fs.getFileStatus(p);
    if (st.isDirectory()) {
      long bytes = 0;
      long files = 0;
      long modified = st.getModificationTime();
      var it = fs.listFiles(p, true);
      while (it.hasNext()) {
        org.apache.hadoop.fs.LocatedFileStatus f = it.next();
        bytes += f.getLen();
        files++;
        modified = Math.max(modified, f.getModificationTime());
      }
      return path + " directory of " + files + " files, " + bytes + " bytes, modified " + modified;
    }
    return path + " " + length + " modified " + st.getModificationTime() + (split == null ? "" : " " + split);
  }

  @Override public String toString() { return path; }
}
