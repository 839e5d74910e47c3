package dev.corpusforge.tokenize;

/**
 * A pre-tokenizer written as a hand-made scanner of its regex: subclasses say where the piece starting at a position
 * ends; the loop and the code-point helpers they share live here.
 */
abstract class ScannerPreTokenizer implements PreTokenizer {
  private static final long serialVersionUID = 1L;

  @Override public final void split(String text, int from, int to, Pieces out) {
    int i = from;
    while (i < to) {
      int end = pieceEnd(text, i, to);
      out.piece(i, end);
      i = end;
    }
  }

  /** End of the piece that starts at {@code i} (exclusive), never past {@code to}. */
  protected abstract int pieceEnd(String s, int i, int to);

  static int cp(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c) ? s.codePointAt(i) : c;
  }

  static int width(int cp) { return cp >= 0x10000 ? 2 : 1; }

  /**
   * Length of {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)} at {@code i}, or 0. Case-insensitive as java.util.regex is under
   * UNICODE_CHARACTER_CLASS (which implies UNICODE_CASE): 's' also matches 'ſ' (U+017F), no other letter gains one.
   */
  static int contraction(String s, int i, int to) {
    if (i + 1 >= to || s.charAt(i) != '\'') return 0;
    char a = s.charAt(i + 1);
    if (is(a, 's') || is(a, 't') || is(a, 'm') || is(a, 'd')) return 2;
    if (i + 2 < to) {
      char b = s.charAt(i + 2);
      if ((is(a, 'r') && is(b, 'e')) || (is(a, 'v') && is(b, 'e')) || (is(a, 'l') && is(b, 'l'))) return 3;
    }
    return 0;
  }

  private static boolean is(char c, char lower) {
    return c == lower || c == Character.toUpperCase(lower) || (lower == 's' && c == '\u017F');
  }
}
