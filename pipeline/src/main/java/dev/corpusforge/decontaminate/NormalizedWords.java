package dev.corpusforge.decontaminate;

import dev.corpusforge.clean.filters.WordSpans;
import java.util.Arrays;

/**
 * A text's words as GPT-3's decontamination normalizes them (lower case, punctuation removed, split on whitespace):
 * per word a 64-bit hash of its normalized characters and its character span in the original text, so that a match
 * can be cut from the original. Buffers are reused from one text to the next (one instance per task).
 */
final class NormalizedWords {
  private static final long FNV64_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV64_PRIME = 0x100000001b3L;
  private static final long WINDOW_PRIME = 0x9E3779B185EBCA87L;

  long[] hashes = new long[256];
  int[] starts = new int[256];
  int[] ends = new int[256];
  int size;

  /** Splits {@code text} into normalized words; a token of punctuation only is no word. */
  NormalizedWords of(String text) {
    size = 0;
    int i = 0;
    int len = text.length();
    while (i < len) {
      while (i < len && isSpace(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
      int start = i;
      long h = FNV64_OFFSET;
      boolean any = false;
      while (i < len) {
        int cp = text.codePointAt(i);
        if (isSpace(cp)) break;
        if (!isPunctuation(cp)) {
          h = (h ^ Character.toLowerCase(cp)) * FNV64_PRIME;
          any = true;
        }
        i += Character.charCount(cp);
      }
      if (any) add(h, start, i);
    }
    return this;
  }

  private void add(long h, int start, int end) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    hashes[size] = h;
    starts[size] = start;
    ends[size] = end;
    size++;
  }

  /** The hash of words {@code [from, from + n)}: order-sensitive, with the length mixed in. */
  long window(int from, int n) {
    long h = n;
    for (int j = from; j < from + n; j++) h = h * WINDOW_PRIME + hashes[j];
    return WordSpans.mix(h);
  }

  /** The normalized text of words {@code [from, from + n)} of {@code text}, for the record of a match. */
  static String normalizedText(String text, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    boolean space = false;
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        space = sb.length() > 0;
      } else if (!isPunctuation(cp)) {
        if (space) sb.append(' ');
        space = false;
        sb.appendCodePoint(Character.toLowerCase(cp));
      }
    }
    return sb.toString();
  }

  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /**
   * Python's string.punctuation (the ASCII set GPT-3-style decontamination scripts such as the Pile's janitor remove)
   * and every Unicode punctuation character.
   */
  static boolean isPunctuation(int cp) {
    if (cp < 128) return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(cp) >= 0;
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }
}
