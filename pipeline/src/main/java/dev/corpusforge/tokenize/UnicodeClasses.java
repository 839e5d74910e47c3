package dev.corpusforge.tokenize;

/**
 * The character classes of the tiktoken/GPT-2 pre-tokenization regexes, with the meaning Java's regex gives them under
 * {@code UNICODE_CHARACTER_CLASS} (the flag jtokkit compiles them with): {@code \p{L}} general category L*,
 * {@code \p{N}} N*, {@code \s} the Unicode White_Space property.
 */
final class UnicodeClasses {
  private static final int LETTER = (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
      | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER) | (1 << Character.OTHER_LETTER);
  private static final int NUMBER = (1 << Character.DECIMAL_DIGIT_NUMBER) | (1 << Character.LETTER_NUMBER)
      | (1 << Character.OTHER_NUMBER);
  private static final int SPACE = (1 << Character.SPACE_SEPARATOR) | (1 << Character.LINE_SEPARATOR)
      | (1 << Character.PARAGRAPH_SEPARATOR);
  static final byte OTHER = 0;
  static final byte L = 1;
  static final byte N = 2;
  static final byte S = 3;
  /** Class of every BMP char (64 KB), looked up instead of computed in the hot loop: non-Latin text is BMP. */
  private static final byte[] BMP = new byte[1 << 16];

  static {
    for (int c = 0; c < BMP.length; c++) BMP[c] = compute(c);
  }

  private UnicodeClasses() {}

  private static byte compute(int cp) {
    int type = 1 << Character.getType(cp);
    if ((type & LETTER) != 0) return L;
    if ((type & NUMBER) != 0) return N;
    if ((type & SPACE) != 0 || (cp >= 0x9 && cp <= 0xd) || cp == 0x85) return S;
    return OTHER;
  }

  static byte of(int cp) {
    return cp < BMP.length ? BMP[cp] : compute(cp);
  }
}
