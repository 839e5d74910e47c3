package dev.corpusforge.clean;

/**
 * One step of the clean stage, as datatrove lays out its pipeline: it may rewrite the document's text (normalization,
 * C4's line removal, PII), records its signal values, and returns the rule that rejects the document, or null. A step
 * declares its signals (and counters, if it counts replacements) once, as enums its {@link CleanSteps} entry names;
 * it records them through {@link CleanDoc#signal} and {@link CleanDoc#count}.
 */
public interface CleanStep {
  /** The step's name in the configuration and the prefix of its reject reasons and signal columns. */
  String name();

  /** Runs on the document; returns the failed rule ("word_count") or null to keep it. */
  String apply(CleanDoc doc);
}
