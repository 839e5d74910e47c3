package dev.corpusforge.ingest.latex;

/** Small scanning helpers shared by the LaTeX steps. */
final class Latex {
  private Latex() {}

  /** The control word starting at {@code i} (which holds a backslash): its letters, or "" for a control symbol. */
  static String controlWord(String s, int i) {
    int j = i + 1;
    while (j < s.length() && isLetter(s.charAt(j))) j++;
    return s.substring(i + 1, j);
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  /**
   * The index just after the group closing the brace at {@code open}, or -1 when it is not closed within
   * {@code maxLength} characters (bounding the scan keeps hostile input linear).
   */
  static int groupEnd(String s, int open, int maxLength) {
    int depth = 0;
    int end = Math.min(s.length(), open + maxLength);
    for (int i = open; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }
}
