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
}
