package dev.corpusforge.clean.normalize;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Repairs UTF-8 that was decoded as CP1252 or Latin-1 ("CafÃ©" for "Café", "â€™" for "’"). Each candidate sequence is
 * a lead character U+00C2–U+00F4 followed by the right number of characters that map back to UTF-8 continuation bytes
 * (0x80–0xBF, through CP1252's table or Latin-1's C1 range); it is re-encoded to bytes and replaced only if those
 * bytes are valid UTF-8. Local and linear, so correctly decoded text around it is left alone.
 */
public final class MojibakeRepair {
  /** The byte CP1252 or Latin-1 decoded to this character, for characters that came from bytes 0x80–0xBF; else -1. */
  private static final int[] CONTINUATION = new int[0x2200];

  static {
    java.util.Arrays.fill(CONTINUATION, -1);
    for (int b = 0x80; b <= 0xBF; b++) CONTINUATION[b] = b;
    Charset cp1252 = Charset.forName("windows-1252");
    for (int b = 0x80; b <= 0x9F; b++) {
      String s = new String(new byte[] {(byte) b}, cp1252);
      char ch = s.charAt(0);
      if (ch != '\uFFFD' && ch < CONTINUATION.length) CONTINUATION[ch] = b;
    }
  }

  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] bytes = new byte[4];

  /** Returns the repaired text, or the same instance when nothing needed repair. */
  public String repair(String text) {
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char lead = text.charAt(i);
      if (lead < 0xC2 || lead > 0xF4) continue;
      int len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      if (i + len > n) continue;
      bytes[0] = (byte) lead;
      boolean ok = true;
      for (int k = 1; k < len && ok; k++) {
        char ch = text.charAt(i + k);
        int b = ch < CONTINUATION.length ? CONTINUATION[ch] : -1;
        ok = b >= 0;
        bytes[k] = (byte) b;
      }
      if (!ok) continue;
      String decoded = decode(len);
      if (decoded == null) continue;
      if (out == null) out = new StringBuilder(n);
      out.append(text, copied, i).append(decoded);
      copied = i + len;
      i += len - 1;
    }
    if (out == null) return text;
    return out.append(text, copied, n).toString();
  }

  private String decode(int len) {
    try {
      CharBuffer cb = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len));
      return cb.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
