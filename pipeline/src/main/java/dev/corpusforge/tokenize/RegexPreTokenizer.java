package dev.corpusforge.tokenize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pre-tokenization by a regex, compiled as jtokkit compiles tiktoken's patterns ({@code UNICODE_CHARACTER_CLASS}).
 * Used for the {@code Split} pre-tokenizers of tokenizer.json files (the tiktoken encodings have hand-written scanners).
 */
public final class RegexPreTokenizer implements PreTokenizer {
  private static final long serialVersionUID = 1L;
  private final String regex;
  private transient Pattern pattern;

  public RegexPreTokenizer(String regex) {
    this.regex = regex;
    this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
  }

  public String regex() { return regex; }

  @Override public void split(String text, int from, int to, Pieces out) {
    if (pattern == null) pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    Matcher m = pattern.matcher(text).region(from, to);
    int at = from;
    while (m.find()) {
      if (m.end() == m.start()) continue;
      // Text no alternative matches stays a piece of its own, as Hugging Face's Split(behavior=Isolated) keeps it;
      // tiktoken's patterns match every char, so there it never happens.
      if (m.start() > at) out.piece(at, m.start());
      out.piece(m.start(), m.end());
      at = m.end();
    }
    if (at < to) out.piece(at, to);
  }
}
