package dev.corpusforge.clean.filters;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FineWeb's own rules (Penedo et al. 2024, section 3.5; datatrove's FineWebQualityFilter): share of lines ending in
 * terminal punctuation, share of short lines, characters in duplicated lines, and newlines per word (list-like pages).
 */
public final class FineWebFilter implements CleanStep {
  /**
   * Sentence-final punctuation across scripts (Latin, CJK, Arabic, Devanagari, Armenian, Ethiopic); CJK quotations
   * end in a corner bracket after the full stop (「……。」).
   */
  private static final String TERMINAL = ".!?…。！？｡؟۔।॥։።፧‼‽⁇⁈⁉」』";
  private final ByLanguage<CleanConfig.FineWeb> byLanguage;

  public FineWebFilter(CleanConfig.FineWeb c) {
    this(c, Map.of());
  }

  /** With the thresholds of the document's language ({@code clean.languageRules}). */
  public FineWebFilter(CleanConfig.FineWeb c, Map<String, CleanConfig.LanguageRules> languageRules) {
    this.byLanguage = new ByLanguage<>(c, languageRules, r -> r.fineweb);
  }

  @Override public String name() { return "fineweb"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { terminal_punctuation_line_ratio, short_line_ratio, duplicate_line_char_ratio,
    newline_word_ratio }

  @Override public String apply(CleanDoc doc) {
    CleanConfig.FineWeb c = byLanguage.get(doc.language());
    String text = doc.text();
    List<String> lines = new ArrayList<>();
    int newlines = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != '\n') continue;
      if (i < text.length()) newlines++;
      String line = text.substring(start, i);
      if (!line.isBlank()) lines.add(line);
      start = i + 1;
    }
    if (lines.isEmpty()) {
      doc.signal(Signal.terminal_punctuation_line_ratio, 0);
      doc.signal(Signal.short_line_ratio, 0);
      doc.signal(Signal.duplicate_line_char_ratio, 0);
      doc.signal(Signal.newline_word_ratio, 0);
      return "empty";
    }
    int terminal = 0;
    int shortLines = 0;
    for (String line : lines) {
      String s = line.stripTrailing();
      if (!s.isEmpty() && TERMINAL.indexOf(s.charAt(s.length() - 1)) >= 0) terminal++;
      if (line.length() <= c.shortLineChars) shortLines++;
    }
    double terminalRatio = (double) terminal / lines.size();
    double shortRatio = (double) shortLines / lines.size();
    long dupChars = GopherRepetitionFilter.duplicates(lines)[1];
    double dupRatio = (double) dupChars / Math.max(1, text.length() - newlines);
    double newlineRatio = (double) newlines / Math.max(1, doc.words().size());
    doc.signal(Signal.terminal_punctuation_line_ratio, terminalRatio);
    doc.signal(Signal.short_line_ratio, shortRatio);
    doc.signal(Signal.duplicate_line_char_ratio, dupRatio);
    doc.signal(Signal.newline_word_ratio, newlineRatio);
    if (terminalRatio < c.minTerminalPunctuationLineRatio && !(terminal == 0 && c.terminalPunctuationExcludeZero)) {
      return "terminal_punctuation_line_ratio";
    }
    if (shortRatio > c.maxShortLineRatio) return "short_line_ratio";
    if (dupRatio > c.maxDuplicateLineCharRatio) return "duplicate_line_char_ratio";
    if (newlineRatio > c.maxNewlineWordRatio) return "newline_word_ratio";
    return null;
  }
}
