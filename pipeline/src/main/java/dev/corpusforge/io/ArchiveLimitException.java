package dev.corpusforge.io;

import java.io.IOException;

/** Thrown when a file decompresses to more than {@code ingest.maxArchiveBytes}; ingest counts it as its reason. */
public final class ArchiveLimitException extends IOException {
  private static final long serialVersionUID = 1L;
  public static final String REASON = "archive-limit";

  public ArchiveLimitException(String file, long max) {
    super(REASON + ": " + file + " decompresses to more than " + max + " bytes (ingest.maxArchiveBytes); the rest "
        + "of the file is skipped. Raise ingest.maxArchiveBytes if the file is genuine.");
  }
}
