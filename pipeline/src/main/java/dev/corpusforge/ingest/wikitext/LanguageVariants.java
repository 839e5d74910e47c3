package dev.corpusforge.ingest.wikitext;

import java.util.List;

/**
 * MediaWiki's language-variant markup (LanguageConverter, used by Chinese and other multi-script wikis) resolved to
 * text, in one pass: {@code -{text}-} is the text unconverted; {@code -{zh-hans:A;zh-hant:B;}-} is the Simplified
 * variant (else the first in {@link #PREFERRED}, else the first given); {@code -{H|...}-} and {@code -{-|...}-} only
 * declare conversion rules and print nothing; other flags ({@code A|}, {@code R|}, {@code T|}...) print the text.
 */
public final class LanguageVariants {
  /** Simplified first: the zh-hans corpus convention; the Traditional variants follow. */
  static final List<String> PREFERRED = List.of("zh-hans", "zh-cn", "zh-sg", "zh-my", "zh", "zh-hant", "zh-tw", "zh-hk",
      "zh-mo");

  private LanguageVariants() {}

  public static String resolve(String s) {
    // Each pass resolves the innermost spans; nesting deeper than a few levels is left as text.
    for (int pass = 0; pass < 4; pass++) {
      String resolved = innermost(s);
      if (resolved.equals(s)) return s;
      s = resolved;
    }
    return s;
  }

  private static String innermost(String s) {
    int open = next(s, 0);
    if (open < 0) return s;
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    while (open >= 0) {
      int close = s.indexOf("}-", open + 2);
      if (close < 0) break;
      // An inner "-{" before the close starts the innermost span; the outer one waits for the next pass.
      int inner = s.lastIndexOf("-{", close - 1);
      if (inner > open) {
        out.append(s, from, inner);
        open = inner;
      } else {
        out.append(s, from, open);
      }
      out.append(variant(s.substring(open + 2, close)));
      from = close + 2;
      open = next(s, from);
    }
    out.append(s, from, s.length());
    return out.toString();
  }

  /** The next "-{" from {@code from} that is not a template after a hyphen ("-{{", which MediaWiki expands first). */
  private static int next(String s, int from) {
    int open = s.indexOf("-{", from);
    while (open >= 0 && open + 2 < s.length() && s.charAt(open + 2) == '{') open = s.indexOf("-{", open + 3);
    return open;
  }

  /** The text a span's content prints. */
  static String variant(String content) {
    int bar = content.indexOf('|');
    if (bar >= 0 && bar <= 8 && isFlags(content, bar)) {
      String flags = content.substring(0, bar);
      if ((flags.contains("H") || flags.contains("-")) && !flags.contains("A")) return "";
      content = content.substring(bar + 1);
    }
    if (!content.matches("(?s)\\s*zh(-[a-z]{2,4})?\\s*:.*")) return content;
    String best = null;
    int bestRank = Integer.MAX_VALUE;
    for (String part : content.split(";")) {
      int colon = part.indexOf(':');
      if (colon < 0) continue;
      String code = part.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
      if (!code.matches("zh(-[a-z]{2,4})?")) continue;
      int rank = PREFERRED.indexOf(code);
      if (rank < 0) rank = PREFERRED.size();
      if (best == null || rank < bestRank) {
        best = part.substring(colon + 1).trim();
        bestRank = rank;
      }
    }
    return best == null ? content : best;
  }

  private static boolean isFlags(String content, int bar) {
    for (int i = 0; i < bar; i++) {
      char c = content.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && c != '-' && c != ';' && c != ' ') return false;
    }
    return true;
  }
}
