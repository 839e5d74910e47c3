package dev.corpusforge.ingest.latex;

import java.util.HashMap;
import java.util.Map;

/**
 * Argument-less macros, RedPajama's way: definitions by {@code \newcommand}, {@code \renewcommand},
 * {@code \providecommand} and {@code \def} without parameters are collected, and each use in the text is replaced by
 * the definition's body once (bodies are not expanded again, so expansion cannot recurse).
 */
public final class LatexMacros {
  private static final int MAX_BODY = 2_000;

  private LatexMacros() {}

  public static Map<String, String> collect(String tex) {
    Map<String, String> macros = new HashMap<>();
    int n = tex.length();
    for (int i = tex.indexOf('\\'); i >= 0; i = tex.indexOf('\\', i + 1)) {
      String word = Latex.controlWord(tex, i);
      if (word.isEmpty()) {
        i++;
        continue;
      }
      boolean command = word.equals("newcommand") || word.equals("renewcommand") || word.equals("providecommand");
      if (!command && !word.equals("def")) continue;
      int j = Latex.skipSpaces(tex, i + 1 + word.length());
      if (command && j < n && tex.charAt(j) == '*') j = Latex.skipSpaces(tex, j + 1);
      boolean braced = command && j < n && tex.charAt(j) == '{';
      if (braced) j = Latex.skipSpaces(tex, j + 1);
      if (j >= n || tex.charAt(j) != '\\') continue;
      String name = Latex.controlWord(tex, j);
      if (name.isEmpty()) continue;
      j += 1 + name.length();
      if (braced) {
        j = Latex.skipSpaces(tex, j);
        if (j >= n || tex.charAt(j) != '}') continue;
        j++;
      }
      j = Latex.skipSpaces(tex, j);
      if (j >= n || tex.charAt(j) != '{') continue; // [n] arguments, or \def's parameter text: not argument-less
      int end = Latex.groupEnd(tex, j, MAX_BODY);
      if (end < 0) continue;
      String body = tex.substring(j + 1, end - 1);
      if (body.indexOf('#') >= 0) continue;
      macros.put(name, body);
      i = end - 1;
    }
    return macros;
  }

  public static String expand(String tex, Map<String, String> macros) {
    if (macros.isEmpty()) return tex;
    StringBuilder out = new StringBuilder(tex.length());
    int from = 0;
    for (int i = tex.indexOf('\\'); i >= 0; i = tex.indexOf('\\', i + 1)) {
      String word = Latex.controlWord(tex, i);
      if (word.isEmpty()) {
        i++;
        continue;
      }
      String body = macros.get(word);
      int end = i + 1 + word.length();
      if (body != null && (end >= tex.length() || !Character.isDigit(tex.charAt(end)))) {
        out.append(tex, from, i).append(body);
        from = end;
      }
      i = end - 1;
    }
    return out.append(tex, from, tex.length()).toString();
  }
}
