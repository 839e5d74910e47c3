package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The page title (for the document's title field) and the article title as headings inside the page repeat it. */
final class PageTitle {
  private static final Pattern SEPARATOR = Pattern.compile(" [|\\-\\\\/>»–—] ");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private PageTitle() {}

  /** {@code <title>}, else og:title, else the first h1; whitespace collapsed; null when there is none. */
  static String of(Document doc) {
    String title = doc.title().strip();
    if (title.isEmpty()) {
      Element og = doc.selectFirst("meta[property=og:title], meta[name=og:title]");
      if (og != null) title = og.attr("content").strip();
    }
    if (title.isEmpty()) {
      Element h1 = doc.selectFirst("h1");
      if (h1 != null) title = h1.text();
    }
    title = title.replaceAll("\\s+", " ").strip();
    return title.isEmpty() ? null : title;
  }

  /**
   * The title without the site name: "Story | Site" gives "Story", unless that leaves fewer than three words, in
   * which case the part after the first separator is tried, and a result of four words or less falls back to the
   * whole title.
   */
  static String article(String title) {
    if (title == null) return null;
    var m = SEPARATOR.matcher(title);
    int first = -1;
    int last = -1;
    while (m.find()) {
      if (first < 0) first = m.end();
      last = m.start();
    }
    if (last < 0) return title;
    String candidate = title.substring(0, last).strip();
    if (words(candidate) < 3) candidate = title.substring(first).strip();
    return words(candidate) <= 4 ? title : candidate;
  }

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }

  /** How much of {@code b}'s wording also appears in {@code a}, by characters of distinct-from-a tokens. */
  static double similarity(String a, String b) {
    List<String> tokensA = tokens(a);
    List<String> tokensB = tokens(b);
    if (tokensA.isEmpty() || tokensB.isEmpty()) return 0;
    Set<String> inA = new HashSet<>(tokensA);
    List<String> uniqueB = new ArrayList<>();
    for (String t : tokensB) if (!inA.contains(t)) uniqueB.add(t);
    double distance = (double) String.join(" ", uniqueB).length() / String.join(" ", tokensB).length();
    return 1 - distance;
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : NON_WORD.split(s.toLowerCase(Locale.ROOT))) if (!t.isEmpty()) out.add(t);
    return out;
  }
}
