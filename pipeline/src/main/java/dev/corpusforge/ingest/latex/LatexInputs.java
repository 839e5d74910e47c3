package dev.corpusforge.ingest.latex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code \input} and {@code \include} against the files of one paper, recursively, with comments removed
 * from every file first (a commented-out {@code \input} is not followed). Names are tried relative to the paper's root,
 * as TeX does, then to the including file's folder, with and without ".tex". A file that includes itself, directly or
 * not, is an error; so is nesting deeper than {@code maxDepth} or text longer than {@code maxChars}.
 */
public final class LatexInputs {

  /** Why a paper's inputs could not be resolved: the reject reason and a message naming the file. */
  public static final class InputException extends Exception {
    private static final long serialVersionUID = 1L;
    public final String reason;

    InputException(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private final Map<String, String> files;
  private final int maxDepth;
  private final long maxChars;
  private final Deque<String> stack = new ArrayDeque<>();
  private final List<String> missing = new ArrayList<>();
  private long chars;

  public LatexInputs(Map<String, String> files, int maxDepth, long maxChars) {
    this.files = files;
    this.maxDepth = maxDepth;
    this.maxChars = maxChars;
  }

  /** Included names that no file of the paper matched: left out of the text. */
  public List<String> missing() { return missing; }

  public String expand(String main) throws InputException {
    StringBuilder out = new StringBuilder();
    expand(main, out);
    return out.toString();
  }

  private void expand(String name, StringBuilder out) throws InputException {
    if (stack.contains(name)) {
      throw new InputException("arxiv:input-loop", "\\input loop: " + String.join(" -> ", stack) + " -> " + name);
    }
    if (stack.size() >= maxDepth) {
      throw new InputException("arxiv:input-depth", "\\input nested deeper than " + maxDepth + " at " + name);
    }
    stack.addLast(name);
    String tex = LatexComments.strip(files.get(name));
    int n = tex.length();
    int from = 0;
    for (int i = tex.indexOf('\\'); i >= 0 && i < n; i = tex.indexOf('\\', i + 1)) {
      String word = Latex.controlWord(tex, i);
      if (word.isEmpty()) {
        i++; // a control symbol such as \\ or \%: its second character is not a command start
        continue;
      }
      if (!word.equals("input") && !word.equals("include")) continue;
      int j = Latex.skipSpaces(tex, i + 1 + word.length());
      int end;
      String target;
      if (j < n && tex.charAt(j) == '{') {
        end = tex.indexOf('}', j);
        if (end < 0 || end - j > 300) continue;
        target = tex.substring(j + 1, end).trim();
        end++;
      } else {
        end = j;
        while (end < n && !Character.isWhitespace(tex.charAt(end)) && tex.charAt(end) != '\\' && end - j < 300) end++;
        target = tex.substring(j, end);
      }
      if (target.isEmpty()) continue;
      append(out, tex, from, i);
      String resolved = resolve(target, name);
      if (resolved == null) {
        missing.add(target);
      } else {
        expand(resolved, out);
      }
      from = end;
      i = end - 1;
    }
    append(out, tex, from, n);
    stack.removeLast();
  }

  private void append(StringBuilder out, String tex, int from, int to) throws InputException {
    chars += to - from;
    if (chars > maxChars) {
      throw new InputException("too-large", "more than " + maxChars + " characters after resolving \\input");
    }
    out.append(tex, from, to);
  }

  private String resolve(String target, String including) {
    String t = target.replace('\\', '/');
    while (t.startsWith("./")) t = t.substring(2);
    int slash = including.lastIndexOf('/');
    String dir = slash >= 0 ? including.substring(0, slash + 1) : "";
    for (String candidate : new String[] {t, t + ".tex", dir + t, dir + t + ".tex"}) {
      if (files.containsKey(candidate)) return candidate;
    }
    return null;
  }
}
