package dev.corpusforge.clean.filters;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gopher's quality rules (Rae et al. 2021, MassiveText, appendix A.1.1): document length, mean word length, symbol
 * ratios, bullet and ellipsis lines, alphabetic words and stop words. A value exactly at a threshold is kept, as the
 * paper's "between" and "at most" read and datatrove implements. Thresholds and stop words are those of the
 * document's language ({@code clean.languageRules}); words are {@link WordSpans}.
 */
public final class GopherQualityFilter implements CleanStep {
  private static final String BULLETS = "•‣◦⁃●▪-*";
  private final ByLanguage<CleanConfig.GopherQuality> byLanguage;
  private final Map<CleanConfig.GopherQuality, String[]> stopWords = new IdentityHashMap<>();

  public GopherQualityFilter(CleanConfig.GopherQuality c) {
    this(c, Map.of());
  }

  public GopherQualityFilter(CleanConfig.GopherQuality c, Map<String, CleanConfig.LanguageRules> languageRules) {
    this.byLanguage = new ByLanguage<>(c, languageRules, r -> r.gopherQuality);
    for (CleanConfig.GopherQuality q : byLanguage.all()) {
      stopWords.put(q, q.stopWords.stream().map(String::toLowerCase).toArray(String[]::new));
    }
  }

  @Override public String name() { return "gopher_quality"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { word_count, mean_word_length, hash_word_ratio, ellipsis_word_ratio, bullet_line_ratio,
    ellipsis_line_ratio, alpha_word_ratio, stop_words }

  @Override public String apply(CleanDoc doc) {
    CleanConfig.GopherQuality c = byLanguage.get(doc.language());
    String[] stops = stopWords.get(c);
    String text = doc.text();
    WordSpans w = doc.words();
    int words = w.size();
    int counted = 0;
    long countedChars = 0;
    int alphaWords = 0;
    int stopCount = 0;
    for (int i = 0; i < words; i++) {
      if (w.hasLetterOrDigit(i)) {
        counted++;
        countedChars += w.length(i);
      }
      if (w.hasLetter(i)) alphaWords++;
      if (isStopWord(w, i, stops)) stopCount++;
    }
    int hashes = 0;
    int ellipses = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '#') hashes++;
      else if (ch == '…') ellipses++;
      else if (ch == '.' && text.startsWith("...", i)) {
        ellipses++;
        i += 2;
      }
    }
    int lines = 0;
    int bulletLines = 0;
    int ellipsisLines = 0;
    int lineStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        lines++;
        int s = lineStart;
        int e = i;
        while (s < e && Character.isWhitespace(text.charAt(s))) s++;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        if (s < e && BULLETS.indexOf(text.charAt(s)) >= 0) bulletLines++;
        if (e > s && (text.charAt(e - 1) == '…' || (e - s >= 3 && text.startsWith("...", e - 3)))) ellipsisLines++;
        lineStart = i + 1;
      }
    }
    double perWord = Math.max(1, words);
    double meanLength = counted == 0 ? 0 : (double) countedChars / counted;
    doc.signal(Signal.word_count, counted);
    doc.signal(Signal.mean_word_length, meanLength);
    doc.signal(Signal.hash_word_ratio, hashes / perWord);
    doc.signal(Signal.ellipsis_word_ratio, ellipses / perWord);
    doc.signal(Signal.bullet_line_ratio, (double) bulletLines / lines);
    doc.signal(Signal.ellipsis_line_ratio, (double) ellipsisLines / lines);
    doc.signal(Signal.alpha_word_ratio, words == 0 ? 0 : alphaWords / perWord);
    doc.signal(Signal.stop_words, stopCount);

    if (counted < c.minWords) return "word_count";
    if (counted > c.maxWords) return "word_count";
    if (meanLength < c.minMeanWordLength || meanLength > c.maxMeanWordLength) return "mean_word_length";
    if (hashes / perWord > c.maxSymbolWordRatio) return "hash_word_ratio";
    if (ellipses / perWord > c.maxSymbolWordRatio) return "ellipsis_word_ratio";
    if ((double) bulletLines / lines > c.maxBulletLineRatio) return "bullet_line_ratio";
    if ((double) ellipsisLines / lines > c.maxEllipsisLineRatio) return "ellipsis_line_ratio";
    if (alphaWords / perWord < c.minAlphaWordRatio) return "alpha_word_ratio";
    if (stopCount < c.minStopWords) return "stop_words";
    return null;
  }

  private static boolean isStopWord(WordSpans w, int i, String[] stopWords) {
    for (String s : stopWords) if (w.equalsIgnoreCase(i, s)) return true;
    return false;
  }
}
