package dev.corpusforge.tokenize;

/**
 * GPT-2's {@code bytes_to_unicode}: the printable character that stands for each byte in byte-level BPE vocabularies
 * (tokenizer.json, vocab.json). Printable Latin-1 bytes stand for themselves; the others map to U+0100 onwards.
 */
public final class ByteLevel {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevel() {}

  public static char charOf(int b) { return BYTE_TO_CHAR[b & 0xFF]; }

  public static String encode(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) sb.append(BYTE_TO_CHAR[b & 0xFF]);
    return sb.toString();
  }

  /** The bytes a vocabulary string stands for, or null when it holds a char outside the byte alphabet. */
  public static byte[] decode(String token) {
    byte[] out = new byte[token.length()];
    for (int i = 0; i < out.length; i++) {
      char c = token.charAt(i);
      if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) return null;
      out[i] = (byte) CHAR_TO_BYTE[c];
    }
    return out;
  }
}
