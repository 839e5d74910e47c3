package dev.corpusforge.clean;

import java.util.List;

/**
 * One step of the clean stage, as datatrove lays out its pipeline: it may rewrite the document's text (normalization,
 * C4's line removal, PII), records its signal values, and returns the rule that rejects the document, or null.
 */
public interface CleanStep {
  /** The step's name in the configuration and the prefix of its reject reasons and signal columns. */
  String name();

  /** The signals {@link #apply} records, in order; fixed, so that annotate-only output has a fixed schema. */
  List<String> signalNames();

  /** Runs on the document; returns the failed rule ("word_count") or null to keep it. */
  String apply(CleanDoc doc);
}
