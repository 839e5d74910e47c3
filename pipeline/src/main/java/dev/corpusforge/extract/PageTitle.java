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
  /**
   * Readability's title separators, the quotes, bullets and spaced colons other sites put before their name, and a
   * double hyphen (an em dash typed in ASCII).
   */
  private static final Pattern SEPARATOR = Pattern.compile(" (--|[|\\-\\\\/>»–—«›‹•·:]) ");
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

  /**
   * The headline: the page heading (h1, else h2, else h3) that repeats more than half of the {@code <title>}'s words and adds
   * few of its own, as the page shows it; else the longest part of the title between site-name separators ("Site -
   * Story", "Story | Section | Site"); else the title. A heading holding only the site name (a blog's h1 above its
   * posts' h2 or h3) covers too little of the title to count.
   */
  static String headline(Document doc, String title) {
    if (title == null) return null;
    Set<String> titleTokens = new HashSet<>(tokens(title));
    for (String tag : new String[] {"h1", "h2", "h3"}) {
      String best = null;
      int bestShared = 0;
      for (Element h : doc.getElementsByTag(tag)) {
        String text = h.text();
        if (text.isEmpty() || text.length() > title.length() || similarity(title, text) <= 0.75) continue;
        int shared = 0;
        for (String t : new HashSet<>(tokens(text))) if (titleTokens.contains(t)) shared++;
        if (shared > bestShared && shared * 2 > titleTokens.size()) {
          best = text;
          bestShared = shared;
        }
      }
      if (best != null) return best;
    }
    String longest = "";
    for (String part : SEPARATOR.split(title)) if (part.strip().length() > longest.length()) longest = part.strip();
    return words(longest) >= 2 ? longest : title;
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
