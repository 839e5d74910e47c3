package dev.corpusforge.config;

import java.io.Serializable;

/** Limits that keep hostile or huge inputs from taking an executor down. */
public class IngestConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A document with more characters than this is rejected as `too-large` (datatrove caps pages similarly). */
  public long maxDocumentChars = 10_000_000L;
  /** A record (WARC payload, archive entry, page) larger than this in bytes is not decoded: rejected as `too-large`. */
  public long maxRecordBytes = 64L << 20;
  /** Total decompressed bytes read from one archive before the rest is rejected as `archive-limit` (zip bombs). */
  public long maxArchiveBytes = 8L << 30;
  /** Code files larger than this are rejected as `code:oversize` (The Stack drops files over 1 MB). */
  public long maxCodeFileBytes = 1L << 20;
}
