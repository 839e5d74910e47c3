package dev.corpusforge.ingest.readers;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.ReadRecord;

/**
 * {@code ingest.invalidCodePoints} for readers of text that declares itself UTF-8 (JSONL, Parquet strings): a kept
 * record keeps its U+FFFD replacements with their count, or is rejected as {@code invalid-code-points}.
 */
final class CodePointPolicy {
  private CodePointPolicy() {}

  /** Fails fast, when the reader is built, on a value that is neither choice. */
  static void check(IngestConfig limits) {
    if (!limits.invalidCodePoints.equals("replace") && !limits.invalidCodePoints.equals("reject")) {
      throw new IllegalArgumentException("ingest.invalidCodePoints is '" + limits.invalidCodePoints
          + "'; use replace (U+FFFD, counted) or reject");
    }
  }

  /** {@code kept} with {@code invalid} replaced code points counted, or rejected when the config says so. */
  static ReadRecord apply(ReadRecord kept, int invalid, IngestConfig limits) {
    if (invalid == 0) return kept;
    if (limits.invalidCodePoints.equals("reject")) {
      return ReadRecord.rejected(kept.getDoc(), "invalid-code-points", "{\"count\":" + invalid + "}");
    }
    kept.setInvalidCodePoints(invalid);
    return kept;
  }
}
