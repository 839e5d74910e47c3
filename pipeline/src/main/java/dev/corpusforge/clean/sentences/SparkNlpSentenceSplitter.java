package dev.corpusforge.clean.sentences;

import com.johnsnowlabs.nlp.annotators.common.Sentence;
import com.johnsnowlabs.nlp.annotators.sbd.pragmatic.DefaultPragmaticMethod;

/**
 * Spark NLP's rule-based sentence detection: the pragmatic method its {@code SentenceDetector} annotator runs with its
 * defaults (abbreviations and list detection on). Called directly per document inside the stage's partitions, which
 * gives the annotator's boundaries without a DocumentAssembler round trip through DataFrames.
 */
public final class SparkNlpSentenceSplitter implements SentenceSplitter {
  private final DefaultPragmaticMethod method = new DefaultPragmaticMethod(true, true);

  @Override public int count(String text) {
    int n = 0;
    for (Sentence s : method.extractBounds(text)) if (!s.content().isBlank()) n++;
    return n;
  }
}
