package dev.corpusforge.tokenize;

/**
 * A hand-written scanner equal to o200k_base's pattern (tiktoken's openai_public.py, compiled by jtokkit with
 * {@code UNICODE_CHARACTER_CLASS}; {@link TiktokenEncodings#O200K_PATTERN}), alternatives in order:
 * <ol>
 *   <li>{@code [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?}
 *   <li>{@code [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?}
 *   <li>{@code \p{N}{1,3}}, {@code  ?[^\s\p{L}\p{N}]+[\r\n/]*}, {@code \s*[\r\n]+}, {@code \s+(?!\S)}, {@code \s+}
 * </ol>
 * The two "upper" and "lower" classes overlap (Lm, Lo and marks are in both), so the first alternative backtracks:
 * that is worked out below rather than searched. {@code PreTokenizerTest} checks the scanner against the regex.
 */
public final class O200kPreTokenizer extends ScannerPreTokenizer {
  private static final long serialVersionUID = 1L;
  /** In {@code [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]}. */
  static final int UP = 1;
  /** In {@code [\p{Ll}\p{Lm}\p{Lo}\p{M}]}. */
  static final int LO = 2;
  static final int LETTER = 4;
  static final int NUMBER = 8;
  /** {@code \s}: White_Space, as java.util.regex reads it under UNICODE_CHARACTER_CLASS. */
  static final int SPACE = 16;
  static final int NEWLINE = 32;
  private static final int MARK = UP | LO;
  /** Flags of every BMP char (a lone surrogate is a category Cs char, as the regex sees it): no per-char lookup. */
  private static final byte[] BMP = new byte[1 << 16];

  static {
    for (int c = 0; c < BMP.length; c++) BMP[c] = (byte) compute(c);
  }

  private static int compute(int cp) {
    int f = switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> UP | LETTER;
      case Character.LOWERCASE_LETTER -> LO | LETTER;
      case Character.MODIFIER_LETTER, Character.OTHER_LETTER -> UP | LO | LETTER;
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> MARK;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
      case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SPACE;
      default -> 0;
    };
    if ((cp >= 0x9 && cp <= 0xd) || cp == 0x85) f |= SPACE;
    if (cp == '\r' || cp == '\n') f |= NEWLINE;
    return f;
  }

  static int flags(int cp) {
    return cp < BMP.length ? BMP[cp] : compute(cp);
  }

  @Override protected int pieceEnd(String s, int i, int to) {
    return next(s, i, to);
  }

  static int next(String s, int i, int to) {
    int c = cp(s, i);
    int f = flags(c);
    int w = width(c);
    if ((f & (LETTER | NUMBER | NEWLINE)) == 0) {
      // c may be the optional [^\r\n\p{L}\p{N}] before a word: alternative 1 with it, then (a mark can start the
      // word itself, and then alternative 1 always matches) without it, then alternative 2 with it.
      if (i + w < to) {
        int e = word(s, i + w, to, false);
        if (e >= 0) return e;
      }
      if ((f & MARK) == MARK) return word(s, i, to, false);
      if (i + w < to) {
        int e = word(s, i + w, to, true);
        if (e >= 0) return e;
      }
    } else if ((f & LETTER) != 0) {
      return word(s, i, to, true);
    }
    if ((f & NUMBER) != 0) {
      // \p{N}{1,3}
      int k = i + w;
      for (int n = 1; n < 3 && k < to; n++) {
        int e = cp(s, k);
        if ((flags(e) & NUMBER) == 0) break;
        k += width(e);
      }
      return k;
    }
    //  ?[^\s\p{L}\p{N}]+[\r\n/]*
    int start = -1;
    if ((f & SPACE) == 0) start = i;
    else if (c == ' ' && i + 1 < to && isOther(cp(s, i + 1))) start = i + 1;
    if (start >= 0) {
      int k = start;
      while (k < to) {
        int e = cp(s, k);
        if (!isOther(e)) break;
        k += width(e);
      }
      while (k < to) {
        char e = s.charAt(k);
        if (e != '\r' && e != '\n' && e != '/') break;
        k++;
      }
      return k;
    }
    // Whitespace. \s*[\r\n]+ : up to and including the run's last \r or \n.
    int k = i;
    int lastNewline = -1;
    int last = i;
    while (k < to) {
      int e = cp(s, k);
      int ef = flags(e);
      if ((ef & SPACE) == 0) break;
      if ((ef & NEWLINE) != 0) lastNewline = k;
      last = k;
      k += width(e);
    }
    if (lastNewline >= 0) return lastNewline + 1;
    // \s+(?!\S) leaves the run's last char to prefix the next piece, else \s+.
    if (k >= to) return k;
    return last > i ? last : k;
  }

  /** {@code [^\s\p{L}\p{N}]}: neither space, letter nor number (marks are in it). */
  private static boolean isOther(int cp) {
    return (flags(cp) & (SPACE | LETTER | NUMBER)) == 0;
  }

  /**
   * End of alternative 1 ({@code UP* LO+ contraction?}) at {@code j}, else, when {@code orUpperWord}, of alternative 2
   * ({@code UP+ LO* contraction?}); -1 when neither matches.
   */
  private static int word(String s, int j, int to, boolean orUpperWord) {
    // UP* takes the run of upper-class chars; the last of them also in the lower class is where LO+ can fall back to.
    int k = j;
    int lastBoth = -1;
    while (k < to) {
      int e = cp(s, k);
      int ef = flags(e);
      if ((ef & UP) == 0) break;
      if ((ef & LO) != 0) lastBoth = k;
      k += width(e);
    }
    int end;
    if (k < to && (flags(cp(s, k)) & LO) != 0) {
      end = lowerRun(s, k, to);
    } else if (lastBoth >= 0) {
      // LO+ backs off to the last char of the run in both classes; the run's chars after it are Lu/Lt.
      end = lastBoth + width(cp(s, lastBoth));
    } else if (orUpperWord && k > j) {
      end = k; // UP+ then LO* matching nothing: the char after the run is in neither class.
    } else {
      return -1;
    }
    return end + contraction(s, end, to);
  }

  private static int lowerRun(String s, int k, int to) {
    while (k < to) {
      int e = cp(s, k);
      if ((flags(e) & LO) == 0) break;
      k += width(e);
    }
    return k;
  }
}
