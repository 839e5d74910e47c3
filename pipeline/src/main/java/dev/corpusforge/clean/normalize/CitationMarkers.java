package dev.corpusforge.clean.normalize;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes Wikipedia-style citation markers copied into web text: "[1]", "[12]", "[edit]", "[citation needed]" (C4
 * strips the same three forms in TensorFlow Datasets' c4_utils). Bounded quantifiers: linear in the text.
 */
public final class CitationMarkers implements CleanStep {
  private static final Pattern MARKER = Pattern.compile("\\[(?:\\d{0,4}|edit|citation needed)\\]", Pattern.CASE_INSENSITIVE);

  @Override public String name() { return "citations"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { markers }

  @Override public String apply(CleanDoc doc) {
    String text = doc.text();
    if (text.indexOf('[') < 0) {
      doc.signal(Signal.markers, 0);
      return null;
    }
    Matcher m = MARKER.matcher(doc.meter(text, "citations.marker"));
    StringBuilder sb = new StringBuilder(text.length());
    int removed = 0;
    while (m.find()) {
      m.appendReplacement(sb, "");
      removed++;
    }
    m.appendTail(sb);
    doc.signal(Signal.markers, removed);
    if (removed > 0) doc.setText(sb.toString());
    return null;
  }
}
