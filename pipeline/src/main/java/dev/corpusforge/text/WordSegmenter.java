package dev.corpusforge.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.text.StringCharacterIterator;

/**
 * Word boundaries for scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar), by ICU4J's
 * dictionary-based word {@link BreakIterator}. Every place that counts or shingles words splits on whitespace first
 * and hands only the runs that contain such a script to {@link #segment}, so text in other scripts is split exactly as
 * before. One instance per partition or thread: the break iterator is stateful and built once, not per document.
 */
public final class WordSegmenter {
  /** Receives the pieces of a run in order: {@code word} is false for punctuation and symbols between words. */
  public interface Sink {
    void piece(int start, int end, boolean word);
  }

  private static final BreakIterator PROTOTYPE = BreakIterator.getWordInstance(ULocale.ROOT);
  private final BreakIterator words = (BreakIterator) PROTOTYPE.clone();

  /** True when {@code ch} (a UTF-16 unit; a high surrogate stands for the planes of Han extensions) needs a dictionary. */
  public static boolean needsDictionary(char ch) {
    if (ch < 0x0E00) return false;
    if (ch <= 0x0EFF) return true; // Thai, Lao
    if (ch < 0x1000) return false;
    if (ch <= 0x109F) return true; // Myanmar
    if (ch >= 0x1780 && ch <= 0x17FF) return true; // Khmer
    if (ch < 0x3040) return false;
    if (ch <= 0x30FF) return true; // Hiragana, Katakana
    if (ch >= 0x31F0 && ch <= 0x31FF) return true; // Katakana extension
    if (ch >= 0x3400 && ch <= 0x4DBF) return true; // Han extension A
    if (ch >= 0x4E00 && ch <= 0x9FFF) return true; // Han
    if (ch >= 0xF900 && ch <= 0xFAFF) return true; // Han compatibility
    if (ch >= 0xFF66 && ch <= 0xFF9D) return true; // half-width Katakana
    return ch >= 0xD840 && ch <= 0xD8BF; // high surrogates of planes 2-3: Han extensions B-H
  }

  /** True for Han, Hiragana and Katakana: the scripts whose dedup shingles may be characters ({@link #needsDictionary}). */
  public static boolean isCjk(char ch) {
    return ch >= 0x3040 && needsDictionary(ch);
  }

  /** Splits {@code text[start, end)}, a run without whitespace, into ICU's word and non-word pieces. */
  public void segment(String text, int start, int end, Sink sink) {
    words.setText(new StringCharacterIterator(text, start, end, start));
    int from = words.first();
    for (int to = words.next(); to != BreakIterator.DONE; to = words.next()) {
      sink.piece(from, to, words.getRuleStatus() >= BreakIterator.WORD_NUMBER);
      from = to;
    }
  }
}
