package dev.corpusforge.ingest.wikitext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Wikitext to plain text with hand-written scanners, linear in the input whatever its nesting or imbalance (no
 * regular expressions): every bracket pair is matched once with a stack, and every search for a closing tag is
 * memoised, so 100,000 unmatched {@code {{} or {@code <ref>} cost no more than a pass over the text.
 *
 * <p>Dropped with their content: templates, tables, references, galleries, files and images (with their captions),
 * categories, interlanguage links, HTML comments, behaviour switches such as {@code __NOTOC__}. Replaced by their
 * text: internal links (anchor, else target), external links (label), headings and list items (one line each), bold
 * and italic quotes, other HTML tags, character entities. {@code <math>} is dropped, as in the Hugging Face
 * {@code wikipedia} dataset (mwparserfromhell's {@code strip_code}) that RedPajama and others train on: its TeX is
 * not prose and its braces read as markup. {@code <nowiki>}, {@code <pre>} and {@code <code>} are kept verbatim.
 * Language-variant markup {@code -{…}-} (Chinese wikis) is resolved first, by {@link LanguageVariants}.
 */
public final class WikitextToText implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Tags whose content is not part of the article's prose. */
  private static final Set<String> DROPPED_TAGS = Set.of("ref", "references", "gallery", "timeline", "imagemap",
      "score", "graph", "mapframe", "maplink", "templatedata", "templatestyles", "includeonly", "noinclude", "indicator",
      "categorytree", "inputbox", "charinsert", "section", "math", "chem", "ce", "hiero");
  /** Tags whose content is kept as it is, protected from markup processing. */
  private static final Set<String> VERBATIM_TAGS = Set.of("nowiki", "pre", "code", "syntaxhighlight", "source");
  /** The English names of the link namespaces whose links are not prose; dumps add their local names. */
  public static final Set<String> DEFAULT_DROPPED_NAMESPACES = Set.of("file", "image", "category", "media");
  private static final char MARK_START = '\uE000';
  private static final char MARK_END = '\uE001';

  private final Set<String> droppedNamespaces;

  public WikitextToText(Collection<String> droppedNamespaces) {
    Set<String> ns = new HashSet<>(DEFAULT_DROPPED_NAMESPACES);
    for (String n : droppedNamespaces) ns.add(n.toLowerCase(Locale.ROOT));
    this.droppedNamespaces = ns;
  }

  public WikitextToText() {
    this(Set.of());
  }

  public String convert(String wikitext) {
    List<String> verbatim = new ArrayList<>();
    String s = tags(LanguageVariants.resolve(wikitext.replace(MARK_START, ' ').replace(MARK_END, ' ')), verbatim);
    s = dropBalanced(s, "{{", "}}", false);
    s = dropBalanced(s, "{|", "|}", true);
    s = internalLinks(s);
    s = externalLinks(s);
    s = lines(s);
    return restore(s, verbatim);
  }

  // ---- tags and comments ------------------------------------------------------------------------------------

  private String tags(String s, List<String> verbatim) {
    int n = s.length();
    char[] lower = new char[n];
    for (int i = 0; i < n; i++) lower[i] = Character.toLowerCase(s.charAt(i));
    String low = new String(lower);
    Map<String, Finder> closers = new HashMap<>();
    Finder commentEnd = new Finder(low, "-->");
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '<') {
        out.append(c);
        i++;
        continue;
      }
      if (s.startsWith("<!--", i)) {
        int end = commentEnd.find(i + 4);
        i = end < 0 ? n : end + 3;
        continue;
      }
      int j = i + 1;
      boolean closing = j < n && s.charAt(j) == '/';
      if (closing) j++;
      int nameStart = j;
      while (j < n && isAsciiLetterOrDigit(s.charAt(j))) j++;
      if (j == nameStart || !Character.isLetter(s.charAt(nameStart))) {
        out.append(c);
        i++;
        continue;
      }
      String name = low.substring(nameStart, j);
      // The tag ends at the next '>', unless another '<' comes first: then this '<' is text. Stopping at '<' keeps
      // successive scans from overlapping.
      while (j < n && s.charAt(j) != '>' && s.charAt(j) != '<') j++;
      if (j >= n || s.charAt(j) != '>') {
        out.append(c);
        i++;
        continue;
      }
      int tagEnd = j + 1;
      boolean selfClosing = s.charAt(j - 1) == '/';
      boolean dropped = DROPPED_TAGS.contains(name);
      boolean kept = VERBATIM_TAGS.contains(name);
      if (closing || selfClosing || !(dropped || kept)) {
        if (name.equals("br") || name.equals("p") || name.equals("div")) out.append('\n');
        i = tagEnd;
        continue;
      }
      Finder closer = closers.computeIfAbsent(name, k -> new Finder(low, "</" + k));
      int close = closer.find(tagEnd);
      if (close < 0) {
        i = tagEnd;
        continue;
      }
      int afterClose = s.indexOf('>', close);
      if (kept) {
        out.append(MARK_START).append(verbatim.size()).append(MARK_END);
        verbatim.add(s.substring(tagEnd, close));
      }
      i = afterClose < 0 ? n : afterClose + 1;
    }
    return out.toString();
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** indexOf with memory: repeated searches from increasing positions cost one pass in total. */
  private static final class Finder {
    private final String text;
    private final String needle;
    private int result = Integer.MIN_VALUE;

    Finder(String text, String needle) {
      this.text = text;
      this.needle = needle;
    }

    int find(int from) {
      if (result == -1) return -1;
      if (result >= from) return result;
      result = text.indexOf(needle, from);
      return result;
    }
  }

  // ---- templates and tables -----------------------------------------------------------------------------------

  /**
   * Removes every balanced open..close span (nested spans with it) and drops unbalanced tokens. With
   * {@code lineStart}, tokens count only at the start of a line (after spaces and the colons that indent tables).
   */
  static String dropBalanced(String s, String open, String close, boolean lineStart) {
    int n = s.length();
    if (s.indexOf(open) < 0 && s.indexOf(close) < 0) return s;
    int[] match = new int[n];
    int[] stack = new int[16];
    int depth = 0;
    for (int i = 0; i < n; ) {
      if (s.startsWith(open, i) && (!lineStart || atLineStart(s, i))) {
        if (depth == stack.length) stack = java.util.Arrays.copyOf(stack, depth * 2);
        stack[depth++] = i;
        match[i] = -1;
        i += open.length();
      } else if (s.startsWith(close, i) && (!lineStart || atLineStart(s, i))) {
        if (depth > 0) match[stack[--depth]] = i + close.length();
        i += close.length();
      } else {
        i++;
      }
    }
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; ) {
      if (s.startsWith(open, i) && (!lineStart || atLineStart(s, i))) {
        i = match[i] > 0 ? match[i] : i + open.length();
      } else if (s.startsWith(close, i) && (!lineStart || atLineStart(s, i))) {
        i += close.length();
      } else {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  private static boolean atLineStart(String s, int i) {
    for (int k = i - 1; k >= 0; k--) {
      char c = s.charAt(k);
      if (c == '\n') return true;
      if (c != ' ' && c != '\t' && c != ':') return false;
    }
    return true;
  }

  // ---- links --------------------------------------------------------------------------------------------------

  private String internalLinks(String s) {
    int n = s.length();
    int[] match = new int[n];
    int[] stack = new int[16];
    int depth = 0;
    for (int i = 0; i + 1 < n; ) {
      if (s.charAt(i) == '[' && s.charAt(i + 1) == '[') {
        if (depth == stack.length) stack = java.util.Arrays.copyOf(stack, depth * 2);
        stack[depth++] = i;
        i += 2;
      } else if (s.charAt(i) == ']' && s.charAt(i + 1) == ']') {
        if (depth > 0) match[stack[--depth]] = i;
        i += 2;
      } else {
        i++;
      }
    }
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      boolean pair = i + 1 < n && s.charAt(i + 1) == c;
      if (c == '[' && pair) {
        int m = match[i];
        if (m <= i) {
          i += 2;
          continue;
        }
        int t = i + 2;
        while (t < m && "|[]{}\n".indexOf(s.charAt(t)) < 0) t++;
        String target = s.substring(i + 2, t).trim();
        if (t != m && s.charAt(t) != '|') {
          i += 2;
          continue;
        }
        boolean colonLink = target.startsWith(":");
        if (colonLink) target = target.substring(1).trim();
        int colon = target.indexOf(':');
        String prefix = colon > 0 ? target.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
        if (!colonLink && (droppedNamespaces.contains(prefix) || (t == m && isLanguageCode(prefix)))) {
          i = m + 2;
          continue;
        }
        if (t == m) {
          out.append(target);
          i = m + 2;
        } else if (t + 1 == m) {
          out.append(pipeTrick(target));
          i = m + 2;
        } else {
          i = t + 1; // the anchor follows, scanned as text (it may hold links); its closing ]] is dropped below
        }
      } else if (c == ']' && pair) {
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** [http://x label] becomes its label, [http://x] nothing; after internal links, so labels may have held some. */
  private static String externalLinks(String s) {
    if (s.indexOf('[') < 0) return s;
    int n = s.length();
    Finder bracket = new Finder(s, "]");
    Finder newline = new Finder(s, "\n");
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c != '[' || !isUrlStart(s, i + 1)) {
        out.append(c);
        i++;
        continue;
      }
      int close = bracket.find(i + 1);
      int nl = newline.find(i + 1);
      if (close < 0 || (nl >= 0 && nl < close)) {
        out.append(c);
        i++;
        continue;
      }
      int space = i + 1;
      while (space < close && s.charAt(space) != ' ') space++;
      if (space < close) out.append(s, space + 1, close);
      i = close + 1;
    }
    return out.toString();
  }

  /** [[Paris (France)|]] shows as "Paris": MediaWiki's pipe trick drops the namespace and a parenthetical. */
  private static String pipeTrick(String target) {
    String t = target.substring(target.indexOf(':') + 1);
    int paren = t.indexOf(" (");
    return (paren > 0 ? t.substring(0, paren) : t).trim();
  }

  private static boolean isLanguageCode(String p) {
    if (p.length() < 2 || p.length() > 12) return false;
    int letters = 0;
    for (int k = 0; k < p.length(); k++) {
      char c = p.charAt(k);
      if (c >= 'a' && c <= 'z') letters++;
      else if (c != '-') return false;
    }
    // "en", "bg", "zh-min-nan", "simple": but not interwiki prefixes that are shown inline.
    return letters >= 2 && (p.length() <= 3 || p.indexOf('-') > 0 || p.equals("simple"));
  }

  private static boolean isUrlStart(String s, int i) {
    return s.startsWith("http://", i) || s.startsWith("https://", i) || s.startsWith("//", i)
        || s.startsWith("ftp://", i) || s.startsWith("mailto:", i) || s.startsWith("news:", i);
  }

  // ---- lines --------------------------------------------------------------------------------------------------

  private static String lines(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean blank = true;
    for (String raw : s.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("----") || line.startsWith("|-") || line.startsWith("|}") || line.startsWith("{|")) continue;
      line = heading(line);
      int k = 0;
      while (k < line.length() && "*#:;".indexOf(line.charAt(k)) >= 0) k++;
      line = line.substring(k);
      line = Entities.decode(collapseSpaces(magicWords(quotes(line))).strip());
      if (line.isEmpty()) {
        if (!blank) out.append('\n');
        blank = true;
        continue;
      }
      out.append(line).append('\n');
      blank = false;
    }
    return out.toString().strip();
  }

  private static String heading(String line) {
    int n = line.length();
    int lead = 0;
    while (lead < n && line.charAt(lead) == '=') lead++;
    int trail = 0;
    while (trail < n - lead && line.charAt(n - 1 - trail) == '=') trail++;
    if (lead == 0 || trail == 0) return line;
    return line.substring(lead, n - trail);
  }

  /** Two or more apostrophes are bold/italic markup; a single one is text. */
  private static String quotes(String line) {
    if (line.indexOf("''") < 0) return line;
    StringBuilder out = new StringBuilder(line.length());
    int n = line.length();
    for (int i = 0; i < n; ) {
      if (line.charAt(i) == '\'' && i + 1 < n && line.charAt(i + 1) == '\'') {
        while (i < n && line.charAt(i) == '\'') i++;
      } else {
        out.append(line.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Behaviour switches: {@code __NOTOC__}, {@code __FORCETOC__} and the like. */
  private static String magicWords(String line) {
    if (line.indexOf("__") < 0) return line;
    StringBuilder out = new StringBuilder(line.length());
    int n = line.length();
    for (int i = 0; i < n; ) {
      if (line.startsWith("__", i)) {
        int j = i + 2;
        while (j < n && line.charAt(j) >= 'A' && line.charAt(j) <= 'Z') j++;
        if (j > i + 2 && line.startsWith("__", j)) {
          i = j + 2;
          continue;
        }
      }
      out.append(line.charAt(i++));
    }
    return out.toString();
  }

  private static String collapseSpaces(String line) {
    if (line.indexOf("  ") < 0 && line.indexOf('\t') < 0) return line;
    StringBuilder out = new StringBuilder(line.length());
    boolean space = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean ws = c == ' ' || c == '\t';
      if (ws && space) continue;
      out.append(ws ? ' ' : c);
      space = ws;
    }
    return out.toString();
  }

  private static String restore(String s, List<String> verbatim) {
    if (verbatim.isEmpty()) return s;
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != MARK_START) {
        out.append(c);
        continue;
      }
      int j = i + 1;
      int index = 0;
      while (j < n && Character.isDigit(s.charAt(j))) index = index * 10 + (s.charAt(j++) - '0');
      if (j < n && s.charAt(j) == MARK_END && index < verbatim.size()) out.append(verbatim.get(index).strip());
      i = j;
    }
    return out.toString();
  }
}
