package dev.corpusforge.stage;

import java.util.Map;

/**
 * The JSON of reject details ({@link Rejects#DETAILS}) and clean signals, written without a JSON library: they are
 * built per record on hot paths. Whole numbers print without a fraction, others to 6 significant digits.
 */
public final class Json {
  private Json() {}

  /** A JSON string literal; null becomes {@code ""} (exception messages may be null). */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s == null ? 2 : s.length() + 2).append('"');
    if (s != null) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') sb.append('\\').append(c);
        else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
        else sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** An object of named numbers, in the map's order (clean signals). */
  public static String object(Map<String, Double> values) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (sb.length() > 1) sb.append(',');
      sb.append(quote(e.getKey())).append(':').append(number(e.getValue()));
    }
    return sb.append('}').toString();
  }

  /**
   * An object from alternating names and values, in order: {@code object("chars", 12, "rule", "pii.email")}. A
   * value is a number, a string or null.
   */
  public static String object(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values must alternate");
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) sb.append(',');
      sb.append(quote((String) namesAndValues[i])).append(':');
      Object v = namesAndValues[i + 1];
      if (v == null) sb.append("null");
      else if (v instanceof Long || v instanceof Integer) sb.append(v);
      else if (v instanceof Number n) sb.append(number(n.doubleValue()));
      else sb.append(quote(v.toString()));
    }
    return sb.append('}').toString();
  }

  public static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
