package dev.corpusforge.clean.filters;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gopher's repetition rules (Rae et al. 2021, appendix A.1.1, table A1), computed as datatrove does: duplicate lines
 * and paragraphs (by count and by characters), the character share of the most common 2-, 3- and 4-gram, and the
 * character share of duplicated 5- to 10-grams. N-grams are counted by 64-bit hash, never built as strings.
 */
public final class GopherRepetitionFilter implements CleanStep {
  private final CleanConfig.GopherRepetition c;
  private final LongCounts counts = new LongCounts();
  private long[] rolling = new long[256];
  private long[] grams = new long[256];

  public GopherRepetitionFilter(CleanConfig.GopherRepetition c) {
    if (c.maxTopNgramCharFraction.size() != 3 || c.maxDuplicateNgramCharFraction.size() != 6) {
      throw new IllegalArgumentException("clean.gopherRepetition: maxTopNgramCharFraction needs 3 values (n=2..4) and "
          + "maxDuplicateNgramCharFraction 6 (n=5..10)");
    }
    this.c = c;
  }

  @Override public String name() { return "gopher_repetition"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { duplicate_line_fraction, duplicate_line_char_fraction, duplicate_paragraph_fraction,
    duplicate_paragraph_char_fraction, top_2gram_char_fraction, top_3gram_char_fraction, top_4gram_char_fraction,
    duplicate_5gram_char_fraction, duplicate_6gram_char_fraction, duplicate_7gram_char_fraction,
    duplicate_8gram_char_fraction, duplicate_9gram_char_fraction, duplicate_10gram_char_fraction }

  private static final Signal[] SIGNALS = Signal.values();

  @Override public String apply(CleanDoc doc) {
    String text = doc.text();
    double chars = Math.max(1, text.length());
    long[] para = duplicates(split(text.strip(), true));
    long[] line = duplicates(split(text, false));
    double paraFraction = para[2] == 0 ? 0 : (double) para[0] / para[2];
    double lineFraction = line[2] == 0 ? 0 : (double) line[0] / line[2];
    doc.signal(Signal.duplicate_line_fraction, lineFraction);
    doc.signal(Signal.duplicate_line_char_fraction, line[1] / chars);
    doc.signal(Signal.duplicate_paragraph_fraction, paraFraction);
    doc.signal(Signal.duplicate_paragraph_char_fraction, para[1] / chars);
    WordSpans w = doc.words();
    startNgrams(w);
    double[] top = new double[3];
    for (int n = 2; n <= 4; n++) {
      top[n - 2] = topNgramChars(w, n, nextNgrams(w, n)) / chars;
      doc.signal(SIGNALS[Signal.top_2gram_char_fraction.ordinal() + n - 2], top[n - 2]);
    }
    double[] dup = new double[6];
    for (int n = 5; n <= 10; n++) {
      dup[n - 5] = duplicateNgramChars(w, n, nextNgrams(w, n)) / chars;
      doc.signal(SIGNALS[Signal.duplicate_5gram_char_fraction.ordinal() + n - 5], dup[n - 5]);
    }

    if (paraFraction > c.maxDuplicateParagraphFraction) return "duplicate_paragraph_fraction";
    if (para[1] / chars > c.maxDuplicateParagraphCharFraction) return "duplicate_paragraph_char_fraction";
    if (lineFraction > c.maxDuplicateLineFraction) return "duplicate_line_fraction";
    if (line[1] / chars > c.maxDuplicateLineCharFraction) return "duplicate_line_char_fraction";
    for (int n = 2; n <= 4; n++) if (top[n - 2] > c.maxTopNgramCharFraction.get(n - 2)) return "top_" + n + "gram";
    for (int n = 5; n <= 10; n++) {
      if (dup[n - 5] > c.maxDuplicateNgramCharFraction.get(n - 5)) return "duplicate_" + n + "gram";
    }
    return null;
  }

  /** Lines (split on runs of newlines) or paragraphs (split on runs of two or more newlines); empty pieces dropped. */
  static List<String> split(String text, boolean paragraphs) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (text.charAt(i) != '\n') {
        i++;
        continue;
      }
      int runEnd = i;
      while (runEnd < n && text.charAt(runEnd) == '\n') runEnd++;
      if (!paragraphs || runEnd - i >= 2) {
        if (i > start) out.add(text.substring(start, i));
        start = runEnd;
      }
      i = runEnd;
    }
    if (n > start) out.add(text.substring(start));
    return out;
  }

  /** {duplicate elements, characters in duplicates, elements}: every repeat after the first counts, as in datatrove. */
  static long[] duplicates(List<String> elements) {
    Set<String> seen = new HashSet<>();
    long dupElements = 0;
    long dupChars = 0;
    for (String e : elements) {
      if (!seen.add(e)) {
        dupElements++;
        dupChars += e.length();
      }
    }
    return new long[] {dupElements, dupChars, elements.size()};
  }

  /** Unigram hashes into {@code rolling}; each {@link #nextNgrams} call then extends every n-gram by one word. */
  private void startNgrams(WordSpans w) {
    if (rolling.length < w.size()) {
      rolling = new long[Math.max(w.size(), rolling.length * 2)];
      grams = new long[rolling.length];
    }
    for (int i = 0; i < w.size(); i++) rolling[i] = w.hash(i);
  }

  /** The n-gram hashes for the next n (called for n = 2, 3, ... in order) in {@code grams}; returns their count. */
  private int nextNgrams(WordSpans w, int n) {
    int count = Math.max(0, w.size() - n + 1);
    for (int i = 0; i < count; i++) {
      rolling[i] = rolling[i] * 0x9E3779B97F4A7C15L + w.hash(i + n - 1);
      grams[i] = WordSpans.mix(rolling[i] + n);
    }
    return count;
  }

  /** Characters (words joined by spaces) of the most frequent n-gram times its count, if it occurs more than once. */
  private long topNgramChars(WordSpans w, int n, int count) {
    if (count == 0) return 0;
    counts.reset(count);
    int best = 0;
    for (int i = 0; i < count; i++) best = Math.max(best, counts.increment(grams[i]));
    if (best < 2) return 0;
    for (int i = 0; i < count; i++) {
      if (counts.get(grams[i]) == best) {
        long len = n - 1;
        for (int k = 0; k < n; k++) len += w.length(i + k);
        return len * best;
      }
    }
    return 0;
  }

  /**
   * Characters (words concatenated) in n-grams seen before, scanning left to right and jumping past a duplicate so
   * overlapping repeats are not counted twice (datatrove's find_all_duplicate).
   */
  private long duplicateNgramChars(WordSpans w, int n, int count) {
    if (count == 0) return 0;
    counts.reset(count);
    long chars = 0;
    int i = 0;
    while (i < count) {
      if (counts.get(grams[i]) > 0) {
        for (int k = 0; k < n; k++) chars += w.length(i + k);
        i += n;
      } else {
        counts.increment(grams[i]);
        i++;
      }
    }
    return chars;
  }
}
