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

  @Override public int[] starts(String text) {
    // Sentences are found by their content in the text, so the offsets are the text's; the method's own begin is the
    // fallback where it changed the content.
    java.util.List<Integer> starts = new java.util.ArrayList<>();
    int from = 0;
    for (Sentence s : method.extractBounds(text)) {
      String content = s.content().strip();
      if (content.isEmpty()) continue;
      int at = text.indexOf(content, from);
      if (at < 0) at = Math.max(from, s.start());
      starts.add(at);
      from = Math.min(text.length(), at + content.length());
    }
    return starts.stream().skip(1).mapToInt(Integer::intValue).toArray();
  }
}
