package dev.corpusforge.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.NativeCodeLoader;

/**
 * Hadoop's local file system ({@code file://}) with permissions set through {@code java.nio}. Without Hadoop's native
 * library, which Maven's Hadoop jars do not ship, {@code RawLocalFileSystem} forks a {@code chmod} process for every
 * file and folder it creates: 452 forks in a 300 MB run, each costing milliseconds of CPU and, on a busy machine, a
 * wait for a core (docs/bench/pipeline.md). {@link dev.corpusforge.cli.Sessions} sets it as {@code fs.file.impl}.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  static final class Raw extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = {  // from 0400 down to 0001, as chmod reads an octal mode
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};

    @Override public void setPermission(Path p, FsPermission permission) throws IOException {
      short mode = permission.toShort();
      // The native library, a sticky bit or a file system without POSIX permissions: Hadoop's own way.
      if (NativeCodeLoader.isNativeCodeLoaded() || (mode & ~0777) != 0) {
        super.setPermission(p, permission);
        return;
      }
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int i = 0; i < BITS.length; i++) if ((mode & (0400 >> i)) != 0) set.add(BITS[i]);
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }
}
