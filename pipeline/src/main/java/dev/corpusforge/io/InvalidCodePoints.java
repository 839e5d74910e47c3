package dev.corpusforge.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that is not valid Unicode: byte sequences that are not UTF-8 (overlong forms, encoded surrogates, stray bytes)
 * and lone UTF-16 surrogates (a JSON {@code "\ud800"} escape decodes to one). Java would write a lone surrogate to
 * UTF-8 as {@code ?}, silently; here each one becomes U+FFFD and is counted, so the caller can keep the text with the
 * count or reject the record ({@code ingest.invalidCodePoints}).
 */
public final class InvalidCodePoints {
  public static final char REPLACEMENT = '\uFFFD';

  private InvalidCodePoints() {}

  /** Text with its invalid code points replaced, and how many there were. */
  public static final class Decoded {
    public final String text;
    public final int replaced;

    Decoded(String text, int replaced) {
      this.text = text;
      this.replaced = replaced;
    }
  }

  /** Decodes UTF-8, each malformed sequence (as the decoder delimits it) becoming one U+FFFD. */
  public static Decoded decodeUtf8(byte[] bytes, int off, int len, CharsetDecoder utf8) {
    utf8.reset().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
    CharBuffer out = CharBuffer.allocate(len + 1);
    int replaced = 0;
    while (true) {
      CoderResult r = utf8.decode(in, out, true);
      if (r.isUnderflow()) break;
      if (r.isError()) {
        in.position(in.position() + r.length());
        out.put(REPLACEMENT);
        replaced++;
      } else if (r.isOverflow()) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
        out.flip();
        bigger.put(out);
        out = bigger;
      }
    }
    utf8.flush(out);
    out.flip();
    return new Decoded(out.toString(), replaced);
  }

  /** Convenience for tests and one-off uses: {@link #decodeUtf8(byte[], int, int, CharsetDecoder)} with a fresh decoder. */
  public static Decoded decodeUtf8(byte[] bytes) {
    return decodeUtf8(bytes, 0, bytes.length, StandardCharsets.UTF_8.newDecoder());
  }

  /** The number of lone surrogates in {@code s}. */
  public static int loneSurrogates(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
      else if (Character.isSurrogate(c)) n++;
    }
    return n;
  }

  /** {@code s} with each lone surrogate replaced by U+FFFD (the same string when it has none). */
  public static String replaceLoneSurrogates(String s) {
    if (s == null || loneSurrogates(s) == 0) return s;
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return sb.toString();
  }
}
