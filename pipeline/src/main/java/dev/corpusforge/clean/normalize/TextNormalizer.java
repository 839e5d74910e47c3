package dev.corpusforge.clean.normalize;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.ingest.wikitext.LanguageVariants;
import java.text.Normalizer;

/**
 * Text normalization: mojibake repair, control and invisible characters removed, full-width letters and digits to
 * ASCII, wiki language-variant markup resolved, Unicode NFC, and whitespace: CRLF to LF, Unicode spaces to ' ', runs
 * of spaces and tabs collapsed, lines trimmed, at most one blank line in a row. The
 * code variant ({@link #forCode}) keeps whitespace as it is, since indentation is syntax, and only unifies newlines.
 */
public final class TextNormalizer implements CleanStep {
  private final CleanConfig.Normalize c;
  private final boolean code;
  private final MojibakeRepair mojibake = new MojibakeRepair();

  public TextNormalizer(CleanConfig.Normalize c) {
    this(c, false);
  }

  private TextNormalizer(CleanConfig.Normalize c, boolean code) {
    this.c = c;
    this.code = code;
  }

  public static TextNormalizer forCode(CleanConfig.Normalize c) {
    return new TextNormalizer(c, true);
  }

  @Override public String name() { return code ? "normalize_code" : "normalize"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { chars_before, chars_after }

  @Override public String apply(CleanDoc doc) {
    String before = doc.text();
    String text = normalize(before);
    doc.signal(Signal.chars_before, before.length());
    doc.signal(Signal.chars_after, text.length());
    doc.setText(text);
    return text.isEmpty() ? "empty" : null;
  }

  public String normalize(String text) {
    if (c.mojibake && !code) text = mojibake.repair(text);
    text = characters(text);
    if (c.languageVariants && !code && text.contains("-{")) text = LanguageVariants.resolve(text);
    if (c.nfc && !Normalizer.isNormalized(text, Normalizer.Form.NFC)) text = Normalizer.normalize(text, Normalizer.Form.NFC);
    if (c.whitespace && !code) text = whitespace(text);
    return text;
  }

  /** Newlines unified; controls and invisible characters dropped and full-width alphanumerics folded when configured. */
  private String characters(String text) {
    StringBuilder sb = null;
    boolean fold = c.fullWidthAlphanumerics && !code;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      boolean cr = ch == '\r';
      boolean drop = !cr && c.controls && isInvisible(ch);
      boolean wide = fold && isFullWidthAlphanumeric(ch);
      if (!cr && !drop && !wide) {
        if (sb != null) sb.append(ch);
        continue;
      }
      if (sb == null) sb = new StringBuilder(n).append(text, 0, i);
      if (wide) sb.append((char) (ch - 0xFEE0));
      else if (cr && !(i + 1 < n && text.charAt(i + 1) == '\n')) sb.append('\n');
    }
    return sb == null ? text : sb.toString();
  }

  /** Ｆ, ｆ, ５: the full-width forms of ASCII letters and digits (U+FF10-FF19, FF21-FF3A, FF41-FF5A). */
  static boolean isFullWidthAlphanumeric(char ch) {
    return (ch >= '\uFF10' && ch <= '\uFF19') || (ch >= '\uFF21' && ch <= '\uFF3A') || (ch >= '\uFF41' && ch <= '\uFF5A');
  }

  static boolean isInvisible(char ch) {
    if (ch < 0x20) return ch != '\n' && ch != '\t';
    if (ch >= 0x7F && ch <= 0x9F) return true;
    return ch == '\u200B' || ch == '\u2060' || ch == '\uFEFF' || ch == '\u00AD' || ch == '\u180E'
        || (ch >= '\u2061' && ch <= '\u2064');
  }

  private static boolean isSpace(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\u00A0' || ch == '\u1680' || (ch >= '\u2000' && ch <= '\u200A')
        || ch == '\u202F' || ch == '\u205F' || ch == '\u3000' || ch == '\u000B' || ch == '\u000C';
  }

  private static String whitespace(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    int blankRun = 0;
    int n = text.length();
    int start = 0;
    while (start <= n) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = n;
      int lineStart = sb.length();
      boolean pendingSpace = false;
      for (int i = start; i < end; i++) {
        char ch = text.charAt(i);
        if (isSpace(ch)) {
          pendingSpace = sb.length() > lineStart;
        } else {
          if (pendingSpace) sb.append(' ');
          pendingSpace = false;
          sb.append(ch);
        }
      }
      if (sb.length() == lineStart) {
        blankRun++;
      } else {
        blankRun = 0;
      }
      if (blankRun <= 1) sb.append('\n');
      start = end + 1;
    }
    int s = 0;
    int e = sb.length();
    while (s < e && sb.charAt(s) == '\n') s++;
    while (e > s && sb.charAt(e - 1) == '\n') e--;
    return sb.substring(s, e);
  }
}
