package dev.corpusforge.clean.lang;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.function.Function;

/**
 * Sets {@code language}, {@code languageScore} and, for Chinese, Japanese and Korean, the script (metadata
 * {@code language_script}: Hans or Hant for Chinese) on the document and, as the {@code language} step, rejects it as
 * {@code language:low-confidence} below the minimum score or {@code language:<code>} outside the keep-list. As the
 * {@code language_id} step it only tags.
 */
public final class LanguageFilter implements CleanStep {
  private final CleanConfig.Language c;
  private final boolean filter;
  private final Function<String, LanguageIdentifier.Result> identifier;

  private LanguageFilter(CleanConfig.Language c, boolean filter) {
    this.c = c;
    this.filter = filter;
    // clean.language.model: fasttext:PATH swaps in a fastText model; the built-in detector stays the default.
    this.identifier = c.model.isEmpty() ? new LanguageIdentifier()::identify : new FastTextLanguageIdentifier(c.model)::identify;
  }

  public static LanguageFilter filtering(CleanConfig.Language c) {
    return new LanguageFilter(c, true);
  }

  public static LanguageFilter tagging(CleanConfig.Language c) {
    return new LanguageFilter(c, false);
  }

  @Override public String name() { return filter ? "language" : "language_id"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { score }

  @Override public String apply(CleanDoc doc) {
    LanguageIdentifier.Result r = identifier.apply(doc.text());
    doc.setLanguage(r.language, r.score, r.script);
    doc.signal(Signal.score, r.score);
    if (!filter) return null;
    if (r.score < c.minScore) return "low-confidence";
    if (!c.keep.isEmpty() && !c.keep.contains(r.language)) return r.language;
    return null;
  }
}
