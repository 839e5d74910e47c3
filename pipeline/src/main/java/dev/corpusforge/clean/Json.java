package dev.corpusforge.clean;

import java.util.Map;

/** Signals as a JSON object; numbers that are whole print without a fraction, others to 6 significant digits. */
final class Json {
  private Json() {}

  static String object(Map<String, Double> signals) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Double> e : signals.entrySet()) {
      if (sb.length() > 1) sb.append(',');
      sb.append('"').append(e.getKey()).append("\":").append(number(e.getValue()));
    }
    return sb.append('}').toString();
  }

  /** A JSON string literal. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }

  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
