package dev.corpusforge.ingest.readers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds the damaged and hostile archives the reader tests feed in. */
final class Archives {
  private final Path target;
  private final TarArchiveOutputStream tar;
  private final ZipArchiveOutputStream zip;

  private Archives(Path target) throws IOException {
    this.target = target;
    String name = target.getFileName().toString();
    if (name.endsWith(".zip")) {
      zip = new ZipArchiveOutputStream(target.toFile());
      tar = null;
    } else {
      OutputStream out = Files.newOutputStream(target);
      tar = new TarArchiveOutputStream(name.endsWith(".tar") ? out : new GzipCompressorOutputStream(out));
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      zip = null;
    }
  }

  static Archives create(Path target) throws IOException {
    return new Archives(target);
  }

  Archives file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Archives file(String name, byte[] content) throws IOException {
    if (zip != null) {
      ZipArchiveEntry e = new ZipArchiveEntry(name);
      zip.putArchiveEntry(e);
      zip.write(content);
      zip.closeArchiveEntry();
    } else {
      TarArchiveEntry e = new TarArchiveEntry(name, true); // true: keep an absolute name as given
      e.setSize(content.length);
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return this;
  }

  Archives symlink(String name, String linkTarget) throws IOException {
    if (zip != null) {
      ZipArchiveEntry e = new ZipArchiveEntry(name);
      e.setUnixMode(0120777);
      zip.putArchiveEntry(e);
      zip.write(linkTarget.getBytes(StandardCharsets.UTF_8));
      zip.closeArchiveEntry();
    } else {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(linkTarget);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }
    return this;
  }

  Path close() throws IOException {
    if (zip != null) zip.close();
    else tar.close();
    return target;
  }

  /** A copy of {@code file} cut to {@code fraction} of its bytes. */
  static Path truncated(Path file, Path target, double fraction) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Files.write(target, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
    return target;
  }
}
