package dev.corpusforge.config;

import java.io.Serializable;

/** Limits that keep hostile or huge inputs from taking an executor down. */
public class IngestConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A document with more characters than this is rejected as `too-large` (datatrove caps pages similarly). */
  public long maxDocumentChars = 10_000_000L;
  /** A record (WARC payload, archive entry, page) larger than this in bytes is not decoded: rejected as `too-large`. */
  public long maxRecordBytes = 64L << 20;
  /**
   * Decompressed bytes one input file may yield before the rest is rejected as `archive-limit` (gzip and zip bombs):
   * the larger of this and {@link #maxCompressionRatio} times the file's compressed size, so that a 20 GB Wikipedia
   * .bz2 (about 5x) reads to the end while a bomb (1000x and more) stops early.
   */
  public long maxArchiveBytes = 8L << 30;
  /** Text compresses 3-10x with gzip or bzip2; 200x leaves a wide margin while catching bombs. */
  public long maxCompressionRatio = 200;
  /**
   * A multistream Wikipedia dump larger than this is read by several tasks, each a run of whole bzip2 streams of
   * about this many compressed bytes (128 MB: Hadoop's block size, the unit Spark splits its own file reads into).
   */
  public long splitBytes = 128L << 20;
  /** Code files larger than this are rejected as `code:oversize` (The Stack drops files over 1 MB). */
  public long maxCodeFileBytes = 1L << 20;
  /**
   * What JSONL and Parquet text that is not valid Unicode (bytes that are not UTF-8, lone surrogates such as a {@code "\ud800"}
   * escape) becomes: {@code replace} keeps the record with each invalid code point as U+FFFD, counted per source as
   * {@code <source>:invalid_code_points} in ingest's counters (what the web and Wikipedia readers do with bad bytes,
   * and what Python's {@code errors="replace"} gives); {@code reject} rejects the record as
   * {@code invalid-code-points}.
   */
  public String invalidCodePoints = "replace";
}
