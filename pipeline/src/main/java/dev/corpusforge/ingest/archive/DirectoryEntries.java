package dev.corpusforge.ingest.archive;

import dev.corpusforge.io.LookAhead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files under a directory, lazily and in sorted order, with their path relative to it. Symbolic links are never
 * followed (they could point anywhere on the machine): they come out flagged as hostile, like archive links.
 */
public final class DirectoryEntries extends LookAhead<DirectoryEntries.File> {

  /** One file: relative name, its status, and why it must not be read (null when it may). */
  public static final class File {
    public final String name;
    public final FileStatus status;
    public final String hostile;

    File(String name, FileStatus status, String hostile) {
      this.name = name;
      this.status = status;
      this.hostile = hostile;
    }
  }

  private final FileSystem fs;
  private final String root;
  private final Deque<FileStatus> pending = new ArrayDeque<>();

  public DirectoryEntries(FileSystem fs, Path dir) throws IOException {
    this.fs = fs;
    this.root = fs.makeQualified(dir).toUri().getPath();
    push(dir);
  }

  @Override protected File read() {
    try {
      while (!pending.isEmpty()) {
        FileStatus st = pending.pop();
        String name = relative(st.getPath());
        if (isSymlink(st)) return new File(name, st, "symlink");
        if (!st.isDirectory()) return new File(name, st, null);
        push(st.getPath());
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void push(Path dir) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    Arrays.sort(children, Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
    for (FileStatus c : children) pending.push(c);
  }

  private String relative(Path p) {
    String path = fs.makeQualified(p).toUri().getPath();
    return path.startsWith(root + "/") ? path.substring(root.length() + 1) : p.getName();
  }

  /** Hadoop's local listing follows links silently, so on local disks ask the OS. */
  private boolean isSymlink(FileStatus st) {
    if (st.isSymlink()) return true;
    if (!"file".equals(fs.getUri().getScheme())) return false;
    return Files.isSymbolicLink(Paths.get(st.getPath().toUri()));
  }
}
