package dev.corpusforge.ingest.wikitext;

import java.util.Map;

/** Decodes HTML character references: the named ones wikitext uses, and every numeric one. */
final class Entities {
  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
      Map.entry("minus", "\u2212"), Map.entry("times", "\u00d7"), Map.entry("divide", "\u00f7"),
      Map.entry("deg", "\u00b0"), Map.entry("plusmn", "\u00b1"), Map.entry("middot", "\u00b7"),
      Map.entry("hellip", "\u2026"), Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"),
      Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"),
      Map.entry("rdquo", "\u201d"), Map.entry("bull", "\u2022"), Map.entry("copy", "\u00a9"),
      Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"),
      Map.entry("pound", "\u00a3"), Map.entry("yen", "\u00a5"), Map.entry("cent", "\u00a2"),
      Map.entry("sect", "\u00a7"), Map.entry("para", "\u00b6"), Map.entry("frac12", "\u00bd"),
      Map.entry("frac14", "\u00bc"), Map.entry("frac34", "\u00be"), Map.entry("sup2", "\u00b2"),
      Map.entry("sup3", "\u00b3"), Map.entry("prime", "\u2032"), Map.entry("Prime", "\u2033"),
      Map.entry("thinsp", "\u2009"), Map.entry("ensp", "\u2002"), Map.entry("emsp", "\u2003"),
      Map.entry("zwj", "\u200d"), Map.entry("zwnj", "\u200c"), Map.entry("shy", "\u00ad"),
      Map.entry("larr", "\u2190"), Map.entry("rarr", "\u2192"), Map.entry("harr", "\u2194"),
      Map.entry("le", "\u2264"), Map.entry("ge", "\u2265"), Map.entry("ne", "\u2260"), Map.entry("asymp", "\u2248"),
      Map.entry("infin", "\u221e"), Map.entry("alpha", "\u03b1"), Map.entry("beta", "\u03b2"),
      Map.entry("gamma", "\u03b3"), Map.entry("delta", "\u03b4"), Map.entry("pi", "\u03c0"),
      Map.entry("mu", "\u03bc"), Map.entry("sigma", "\u03c3"), Map.entry("omega", "\u03c9"),
      Map.entry("Omega", "\u03a9"), Map.entry("eacute", "\u00e9"), Map.entry("egrave", "\u00e8"),
      Map.entry("aacute", "\u00e1"), Map.entry("agrave", "\u00e0"), Map.entry("uuml", "\u00fc"),
      Map.entry("ouml", "\u00f6"), Map.entry("auml", "\u00e4"), Map.entry("szlig", "\u00df"),
      Map.entry("ccedil", "\u00e7"), Map.entry("ntilde", "\u00f1"), Map.entry("oacute", "\u00f3"),
      Map.entry("iacute", "\u00ed"), Map.entry("uacute", "\u00fa"));

  private Entities() {}

  static String decode(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) return s;
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, amp);
    int n = s.length();
    for (int i = amp; i < n; ) {
      char c = s.charAt(i);
      int semi = c == '&' ? semicolon(s, i + 1) : -1;
      String decoded = semi < 0 ? null : entity(s.substring(i + 1, semi));
      if (decoded == null) {
        out.append(c);
        i++;
      } else {
        out.append(decoded);
        i = semi + 1;
      }
    }
    return out.toString();
  }

  /** The ';' closing an entity name, looked for within 10 characters so the scan stays linear. */
  private static int semicolon(String s, int from) {
    for (int k = from; k < s.length() && k < from + 10; k++) {
      char c = s.charAt(k);
      if (c == ';') return k > from ? k : -1;
      if (!Character.isLetterOrDigit(c) && c != '#') return -1;
    }
    return -1;
  }

  private static String entity(String name) {
    if (name.charAt(0) != '#') return NAMED.get(name);
    try {
      int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
          ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
      return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
