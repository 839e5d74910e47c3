package dev.corpusforge.clean.pii;

import dev.corpusforge.clean.CleanDoc;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The replace loop both redactors share: each accepted match of a pattern (or of one group) becomes a placeholder. */
final class Replacements {
  /** Decides whether a match is replaced (an IP address in a private range is not). */
  interface Accept {
    boolean test(Matcher m, String text);
  }

  static final Accept ALL = (m, text) -> true;

  private Replacements() {}

  /**
   * {@code text} with group {@code group} (0: the whole match) of each accepted match of {@code p} replaced by
   * {@code placeholder}, scanned within the document's regex budget under {@code rule}; {@code counts[kind]} += the
   * replacements.
   */
  static String replace(CleanDoc doc, String text, Pattern p, int group, String rule, Accept accept, String placeholder,
      int[] counts, int kind) {
    Matcher m = p.matcher(doc.meter(text, rule));
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      if (!accept.test(m, text)) continue;
      if (sb == null) sb = new StringBuilder(text.length());
      sb.append(text, copied, m.start(group)).append(placeholder);
      copied = m.end(group);
      counts[kind]++;
    }
    return sb == null ? text : sb.append(text, copied, text.length()).toString();
  }

  /**
   * Records each kind's replacements as the document's signal and the stage's counter ({@code signals[kind]},
   * {@code counters[kind]}: a redactor's enums, declared in the order of its kinds) and sets the redacted text.
   */
  static void finish(CleanDoc doc, String text, int[] counts, Enum<?>[] signals, Enum<?>[] counters) {
    for (int kind = 0; kind < counts.length; kind++) {
      doc.signal(signals[kind], counts[kind]);
      doc.count(counters[kind], counts[kind]);
    }
    doc.setText(text);
  }
}
