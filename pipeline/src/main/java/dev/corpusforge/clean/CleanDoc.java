package dev.corpusforge.clean;

import dev.corpusforge.clean.filters.WordSpans;
import dev.corpusforge.config.CleanConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The document as the clean steps see it: current text, the language once identified, the signals of the step that
 * is running, and the per-kind counts of PII replacements. Reused across the documents of a partition.
 */
public final class CleanDoc {
  private String text;
  private WordSpans words;
  private final WordSpans wordBuffer = new WordSpans();
  String path;
  String language;
  Double languageScore;
  String languageScript;
  final Map<String, Double> signals = new LinkedHashMap<>();
  /** Replacement counts by counter name, for this document; summed into the stage's counters. */
  final Map<String, long[]> counters = new LinkedHashMap<>();
  private final RegexBudget regexBudget;

  CleanDoc(CleanConfig.Limits limits) {
    this.regexBudget = new RegexBudget(limits);
  }

  /** A document with this text and path, for running steps outside the stage. */
  public static CleanDoc of(String text, String path) {
    return of(text, path, new CleanConfig.Limits());
  }

  /** As {@link #of(String, String)}, with these work limits. */
  public static CleanDoc of(String text, String path, CleanConfig.Limits limits) {
    CleanDoc d = new CleanDoc(limits);
    d.reset(text, path);
    return d;
  }

  /**
   * {@code text} for a regex matcher, within this document's work budget for one scan; {@code rule} ("pii.email")
   * names the scan in the reject when it runs out.
   */
  public CharSequence meter(String text, String rule) {
    return regexBudget.meter(text, rule);
  }

  /** The signals the last step recorded. */
  public Map<String, Double> signals() { return signals; }

  /** This document's count of a counter ("pii_email"): 0 when no step counted it. */
  public long counter(String name) {
    long[] n = counters.get(name);
    return n == null ? 0 : n[0];
  }

  void reset(String text, String path) {
    setText(text);
    this.path = path;
    language = null;
    languageScore = null;
    languageScript = null;
    signals.clear();
    for (long[] n : counters.values()) n[0] = 0;
  }

  public String text() { return text; }

  public void setText(String text) {
    this.text = text == null ? "" : text;
    words = null;
  }

  /** Whitespace-separated words of the current text, computed once per text version. */
  public WordSpans words() {
    if (words == null) {
      wordBuffer.split(text);
      words = wordBuffer;
    }
    return words;
  }

  /** The document's path or URL (code rules use its extension). */
  public String path() { return path; }

  public void setLanguage(String language, double score) {
    setLanguage(language, score, null);
  }

  /** With the ISO 15924 script where the language has several (Hans or Hant for Chinese), else null. */
  public void setLanguage(String language, double score, String script) {
    this.language = language;
    this.languageScore = score;
    this.languageScript = script;
  }

  public String languageScript() { return languageScript; }

  public String language() { return language; }

  /** Records a signal of the running step (a constant of its {@code Signal} enum, named as the column). */
  public void signal(Enum<?> signal, double value) {
    signals.put(signal.name(), value);
  }

  /** Adds to a counter of the running step (a constant of its {@code Counter} enum). */
  public void count(Enum<?> counter, long n) {
    counters.computeIfAbsent(counter.name(), k -> new long[1])[0] += n;
  }
}
