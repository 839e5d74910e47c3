package dev.corpusforge.clean.sentences;

/** Counts the sentences of a line of text (C4 drops documents with fewer than 5). */
public interface SentenceSplitter {
  int count(String text);

  /** Where each sentence after the first begins (char offsets, ascending): the boundaries that {@link #count} counts. */
  int[] starts(String text);

  /** "fast" (rule-based, ours) or "sparknlp" (Spark NLP's pragmatic sentence detector). */
  static SentenceSplitter named(String name) {
    switch (name) {
      case "fast": return new FastSentenceSplitter();
      case "sparknlp": return new SparkNlpSentenceSplitter();
      default: throw new IllegalArgumentException("clean.c4.sentenceSplitter: '" + name + "' is not fast or sparknlp");
    }
  }
}
