package dev.corpusforge.ingest.latex;

import java.util.Map;

/**
 * RedPajama's arXiv rules on a paper whose inputs are resolved and comments removed: the text starts at the first
 * sectioning command (preamble, title block and abstract go), ends before the appendix or the bibliography (and its
 * style command, which RedPajama's pattern leaves behind), and
 * argument-less macros are expanded. Math and section titles stay as LaTeX. A paper without any sectioning command
 * has no text (RedPajama drops it too).
 */
public final class PaperText {
  private static final String[] SECTIONS = {"part", "chapter", "section", "subsection", "subsubsection", "paragraph",
      "subparagraph"};
  private static final String[] ENDS = {"\\appendix", "\\begin{references}", "\\begin{thebibliography}",
      "\\bibliographystyle", "\\bibliography{",
      "\\printbibliography", "\\end{document}"};

  private PaperText() {}

  /** The cleaned text, or null when there is no sectioning command. */
  public static String clean(String tex, Map<String, String> macros) {
    int start = firstSection(tex);
    if (start < 0) return null;
    int end = tex.length();
    for (String marker : ENDS) {
      int at = tex.indexOf(marker, start);
      if (at >= 0 && at < end) end = at;
    }
    String body = LatexMacros.expand(tex.substring(start, end), macros);
    return collapseBlankLines(body).strip();
  }

  /** The first \section-like command followed by *, [ or {, or -1. */
  static int firstSection(String tex) {
    int best = -1;
    for (String name : SECTIONS) {
      String needle = "\\" + name;
      for (int at = tex.indexOf(needle); at >= 0 && (best < 0 || at < best); at = tex.indexOf(needle, at + 1)) {
        int after = Latex.skipSpaces(tex, at + needle.length());
        if (after < tex.length() && "*[{".indexOf(tex.charAt(after)) >= 0) {
          best = at;
          break;
        }
      }
    }
    return best;
  }

  /** The argument of {@code \title} (after an optional short title), with line breaks and spacing flattened. */
  public static String title(String tex) {
    for (int at = tex.indexOf("\\title"); at >= 0; at = tex.indexOf("\\title", at + 1)) {
      int j = Latex.skipSpaces(tex, at + 6);
      if (j < tex.length() && tex.charAt(j) == '[') {
        int close = tex.indexOf(']', j);
        if (close < 0) return null;
        j = Latex.skipSpaces(tex, close + 1);
      }
      if (j >= tex.length() || tex.charAt(j) != '{') continue;
      int end = Latex.groupEnd(tex, j, 2_000);
      if (end < 0) return null;
      String t = tex.substring(j + 1, end - 1).replace("\\\\", " ").replaceAll("\\s+", " ").strip();
      return t.isEmpty() ? null : t;
    }
    return null;
  }

  private static String collapseBlankLines(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int blank = 0;
    for (String line : s.split("\n", -1)) {
      String l = line.stripTrailing();
      if (l.isEmpty()) {
        if (++blank > 1) continue;
      } else {
        blank = 0;
      }
      out.append(l).append('\n');
    }
    return out.toString();
  }
}
