package dev.corpusforge.ingest.readers;

/** JSON string literals for reject details, without a JSON library on the hot path. */
final class Json {
  private Json() {}

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : (s == null ? "" : s).toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }
}
