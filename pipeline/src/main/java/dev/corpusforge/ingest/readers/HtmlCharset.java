package dev.corpusforge.ingest.readers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an HTML payload the way browsers pick its encoding: a byte-order mark, else the HTTP Content-Type charset,
 * else a {@code <meta charset>} or {@code http-equiv} declaration near the top, else detection — valid UTF-8 is
 * UTF-8, anything else windows-1252 (the WHATWG fallback for Western pages). Latin-1 and ASCII labels mean
 * windows-1252, as the WHATWG encoding standard maps them.
 */
final class HtmlCharset {
  /** How far into the page a meta declaration is looked for (the WHATWG prescan reads 1024 bytes; pages overrun it). */
  private static final int META_PRESCAN_BYTES = 4096;
  private static final Pattern META_CHARSET = Pattern.compile(
      "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:\\-]+)", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** The decoded text, the charset used, and where the choice came from (bom, header, meta, detected). */
  static final class Decoded {
    final String text;
    final String charset;
    final String source;

    Decoded(String text, Charset charset, String source) {
      this.text = text;
      this.charset = charset.name().toLowerCase(Locale.ROOT);
      this.source = source;
    }
  }

  private HtmlCharset() {}

  static Decoded decode(byte[] bytes, String headerCharset) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) return decoded(bytes, 3, StandardCharsets.UTF_8, "bom");
    if (startsWith(bytes, 0xFE, 0xFF)) return decoded(bytes, 2, StandardCharsets.UTF_16BE, "bom");
    if (startsWith(bytes, 0xFF, 0xFE)) return decoded(bytes, 2, StandardCharsets.UTF_16LE, "bom");
    Charset header = lookup(headerCharset);
    if (header != null) return decoded(bytes, 0, header, "header");
    String head = new String(bytes, 0, Math.min(bytes.length, META_PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (m.find()) {
      Charset meta = lookup(m.group(1));
      // A page cannot really be UTF-16 if its declaration was readable as ASCII: WHATWG reads it as UTF-8.
      if (meta != null && meta.name().startsWith("UTF-16")) meta = StandardCharsets.UTF_8;
      if (meta != null) return decoded(bytes, 0, meta, "meta");
    }
    return detect(bytes);
  }

  /** Strict UTF-8 if the bytes are valid UTF-8, else windows-1252. */
  static Decoded detect(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return new Decoded(text, StandardCharsets.UTF_8, "detected");
    } catch (CharacterCodingException e) {
      return decoded(bytes, 0, WINDOWS_1252, "detected");
    }
  }

  private static Decoded decoded(byte[] bytes, int skip, Charset charset, String source) {
    return new Decoded(new String(bytes, skip, bytes.length - skip, charset), charset, source);
  }

  private static Charset lookup(String label) {
    if (label == null || label.isBlank()) return null;
    String l = label.strip().toLowerCase(Locale.ROOT);
    if (l.equals("iso-8859-1") || l.equals("latin1") || l.equals("us-ascii") || l.equals("ascii")
        || l.equals("iso8859-1") || l.equals("l1")) {
      return WINDOWS_1252;
    }
    try {
      return Charset.isSupported(l) ? Charset.forName(l) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if ((bytes[i] & 0xFF) != prefix[i]) return false;
    return true;
  }
}
