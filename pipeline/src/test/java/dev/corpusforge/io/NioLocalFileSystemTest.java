package dev.corpusforge.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void filesAndFoldersGetTheModeHadoopAsksFor() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.permissions.umask-mode", "022");
    try (FileSystem fs = new NioLocalFileSystem()) {
      fs.initialize(URI.create("file:///"), conf);
      Path folder = new Path(dir.toUri().toString(), "a/b");
      fs.mkdirs(folder, new FsPermission((short) 0750));
      Path file = new Path(folder, "part-00000.parquet");
      try (OutputStream out = fs.create(file, new FsPermission((short) 0664), true, 4096, (short) 1, 1 << 20, null)) {
        out.write(1);
      }
      fs.setPermission(file, new FsPermission((short) 0604));

      assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
      assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-00000.parquet"))));
      assertEquals(new FsPermission((short) 0604), fs.getFileStatus(file).getPermission());
    }
  }
}
