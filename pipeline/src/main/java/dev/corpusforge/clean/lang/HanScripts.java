package dev.corpusforge.clean.lang;

import com.ibm.icu.text.Transliterator;
import java.util.BitSet;

/**
 * Chinese, Japanese and Korean told apart by their scripts, before any n-gram model sees the text: n-gram profiles
 * confuse them on Han characters (optimaize called Chinese Wikipedia text Korean), while the scripts decide at once.
 * Japanese writes kana between its Han characters, Korean writes Hangul, Chinese neither. Simplified and Traditional
 * Chinese are told apart by the characters that exist in only one of them, from ICU4J's Traditional-Simplified
 * transliterators (built once per JVM over the Han blocks of the BMP).
 */
final class HanScripts {
  /**
   * Han, kana and Hangul characters must be at least this share of the text's units (a CJK character, or a word of
   * another script: "Wikipedia" weighs as much as "维基") for the script decision; below it (a Latin text quoting
   * Chinese names) the n-gram model decides.
   */
  static final double MIN_CJK_SHARE = 0.5;
  /** Kana share of the CJK letters from which a text is Japanese: real Japanese is 0.3-0.7, Chinese text quoting a
   * Japanese name stays below 0.01 on the shared samples. */
  static final double MIN_KANA_SHARE = 0.05;
  /** Hangul share of the CJK letters from which a text is Korean (Korean with Hanja still writes mostly Hangul). */
  static final double MIN_HANGUL_SHARE = 0.3;

  private static BitSet simplifiedOnly;
  private static BitSet traditionalOnly;

  private HanScripts() {}

  /**
   * The language ("zh", "ja", "ko"), score (the CJK share of the units) and script of a CJK text, or null when CJK
   * characters are not the majority.
   */
  static LanguageIdentifier.Result classify(String text) {
    int otherWords = 0;
    boolean inOtherWord = false;
    int han = 0;
    int kana = 0;
    int hangul = 0;
    int simplified = 0;
    int traditional = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        inOtherWord = false;
        continue;
      }
      Character.UnicodeScript script = cp < 0x1100 ? null : Character.UnicodeScript.of(cp);
      boolean cjk = true;
      if (script == Character.UnicodeScript.HAN) {
        han++;
        if (cp <= 0xFFFF) {
          if (simplifiedOnly().get(cp)) simplified++;
          else if (traditionalOnly.get(cp)) traditional++;
        }
      } else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
          || cp == 0x30FC) {
        kana++;
      } else if (script == Character.UnicodeScript.HANGUL) {
        hangul++;
      } else {
        cjk = false;
        if (!inOtherWord) otherWords++;
      }
      inOtherWord = !cjk;
    }
    int cjk = han + kana + hangul;
    if (cjk == 0 || cjk < MIN_CJK_SHARE * (cjk + otherWords)) return null;
    double score = (double) cjk / (cjk + otherWords);
    if (hangul >= MIN_HANGUL_SHARE * cjk) return new LanguageIdentifier.Result("ko", score, "Kore");
    if (kana >= MIN_KANA_SHARE * cjk) return new LanguageIdentifier.Result("ja", score, "Jpan");
    String script = simplified > traditional ? "Hans" : traditional > simplified ? "Hant" : "Hani";
    return new LanguageIdentifier.Result("zh", score, script);
  }

  private static synchronized BitSet simplifiedOnly() {
    if (simplifiedOnly == null) {
      StringBuilder han = new StringBuilder();
      for (int cp = 0x3400; cp <= 0xFAFF; cp++) {
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) han.append((char) cp);
      }
      traditionalOnly = changedBy(Transliterator.getInstance("Traditional-Simplified"), han);
      simplifiedOnly = changedBy(Transliterator.getInstance("Simplified-Traditional"), han);
    }
    return simplifiedOnly;
  }

  /** The characters the transliterator changes, converted 64 at a time (one by one where a chunk changes length). */
  private static BitSet changedBy(Transliterator t, CharSequence chars) {
    BitSet changed = new BitSet(0x10000);
    for (int from = 0; from < chars.length(); from += 64) {
      String chunk = chars.subSequence(from, Math.min(chars.length(), from + 64)).toString();
      String out = t.transliterate(chunk);
      for (int i = 0; i < chunk.length(); i++) {
        char c = chunk.charAt(i);
        boolean differs = out.length() == chunk.length() ? out.charAt(i) != c : !t.transliterate(String.valueOf(c)).equals(String.valueOf(c));
        if (differs) changed.set(c);
      }
    }
    return changed;
  }
}
