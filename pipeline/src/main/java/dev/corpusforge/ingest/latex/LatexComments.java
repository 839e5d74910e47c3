package dev.corpusforge.ingest.latex;

/** Removes LaTeX comments: from an unescaped {@code %} to the end of its line; a line that was only a comment goes. */
public final class LatexComments {
  private LatexComments() {}

  public static String strip(String tex) {
    StringBuilder out = new StringBuilder(tex.length());
    int n = tex.length();
    int lineStart = 0;
    while (lineStart < n) {
      int nl = tex.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? n : nl;
      int cut = commentStart(tex, lineStart, lineEnd);
      if (cut < 0) {
        out.append(tex, lineStart, lineEnd);
        if (nl >= 0) out.append('\n');
      } else if (!tex.substring(lineStart, cut).isBlank()) {
        out.append(tex, lineStart, cut).append('\n');
      }
      lineStart = lineEnd + 1;
    }
    return out.toString();
  }

  /** The first {@code %} in the line not escaped by an odd number of backslashes, or -1. */
  private static int commentStart(String tex, int from, int to) {
    int backslashes = 0;
    for (int i = from; i < to; i++) {
      char c = tex.charAt(i);
      if (c == '%' && backslashes % 2 == 0) return i;
      backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    return -1;
  }
}
