package dev.corpusforge.extract;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What an element's tag, class, id, role and style say about it before any text is counted: boilerplate names
 * (nav, comments, share bars, cookie banners), content names (article, post, entry), and hidden elements. The word
 * lists follow the hints Mozilla Readability uses, extended with consent and newsletter widgets.
 */
final class ElementHints {
  /** Class/id words of page furniture; such an element is dropped before scoring unless it also names content. */
  private static final Pattern UNLIKELY = Pattern.compile(
      "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends"
          + "|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break"
          + "|agegate|pagination|pager|popup|yom-remote|cookie|consent");
  private static final Pattern MAYBE_CONTENT = Pattern.compile("and|article|body|column|content|main|mathjax|shadow");
  private static final Pattern POSITIVE = Pattern.compile(
      "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story");
  private static final Pattern NEGATIVE = Pattern.compile(
      "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain"
          + "|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|cookie|consent");
  private static final Pattern SHARE = Pattern.compile("(\\b|_)(share|sharedaddy)(\\b|_)");
  /** An author's box: a short biography beside the story (trafilatura discards "author" elements; bylines stay). */
  private static final Pattern AUTHOR_BOX = Pattern.compile("(^|[\\s_-])bio([\\s_-]|$)"
      + "|author-?(bio|box|info|description|profile)|about-?(the-?)?author");
  /**
   * A readers' comment section, by trafilatura's comment-removal names: a class or id that starts with "comment"
   * (but not "commentary", an opinion piece) or "respond", or names a comment list, an article's or post's comments,
   * or Disqus.
   */
  private static final Pattern COMMENT_SECTION = Pattern.compile(
      "^(comment(?!ar)|respond)|(article|post)-comments|comment-?list|disqus");
  private static final Pattern COMMENT_THREAD = Pattern.compile("comment|disqus|respond|replies");
  private static final Pattern BYLINE = Pattern.compile("byline|author|dateline|writtenby|p-author");
  private static final Pattern DISPLAY_NONE = Pattern.compile("display\\s*:\\s*none");
  private static final Pattern VISIBILITY_HIDDEN = Pattern.compile("visibility\\s*:\\s*hidden");
  private static final Set<String> UNLIKELY_ROLES = Set.of("menu", "menubar", "complementary", "navigation", "alert",
      "alertdialog", "dialog");

  /** The word lists by number, so that a name can remember which it has been matched against. */
  private static final Pattern[] WORDS = {UNLIKELY, MAYBE_CONTENT, POSITIVE, NEGATIVE, SHARE, AUTHOR_BOX,
      COMMENT_SECTION, COMMENT_THREAD, BYLINE, NamedContentContainer.ARTICLE_BODY, NamedContentContainer.STORY,
      NamedContentContainer.CONTENT};
  private static final int W_UNLIKELY = 0;
  private static final int W_MAYBE_CONTENT = 1;
  private static final int W_POSITIVE = 2;
  private static final int W_NEGATIVE = 3;
  private static final int W_SHARE = 4;
  private static final int W_AUTHOR_BOX = 5;
  private static final int W_COMMENT_SECTION = 6;
  private static final int W_COMMENT_THREAD = 7;
  private static final int W_BYLINE = 8;
  private static final int W_ARTICLE_BODY = 9;
  private static final int W_STORY = 10;
  private static final int W_CONTENT = 11;

  /**
   * Pages repeat a few class names on thousands of elements (and a site repeats them across its pages): each class
   * attribute and id is matched against a word list once, when first asked, and the answer kept per thread. None of
   * the lists can match across the space that joins class and id, so asking each of the two is asking their join.
   */
  private static final ThreadLocal<Map<String, Name>> CLASSES = ThreadLocal.withInitial(HashMap::new);
  private static final ThreadLocal<Map<String, Name>> IDS = ThreadLocal.withInitial(HashMap::new);
  /** Names kept per thread before a memo starts over; ids are often unique per element and would grow it forever. */
  private static final int NAMES_KEPT = 4096;

  /** One class attribute or id, lower-cased, with the word lists it has been matched against so far. */
  private static final class Name {
    final String lower;
    private int asked;
    private int found;

    Name(String name) {
      lower = lower(name);
    }

    boolean has(int word) {
      int bit = 1 << word;
      if ((asked & bit) == 0) {
        asked |= bit;
        if (WORDS[word].matcher(lower).find()) found |= bit;
      }
      return (found & bit) != 0;
    }
  }

  private ElementHints() {}

  private static Name name(ThreadLocal<Map<String, Name>> memo, String name) {
    Map<String, Name> names = memo.get();
    Name n = names.get(name);
    if (n == null) {
      if (names.size() >= NAMES_KEPT) names.clear();
      n = new Name(name);
      names.put(name, n);
    }
    return n;
  }

  /** Whether the class or the id has a word of the list. */
  private static boolean named(Element e, int word) {
    String cls = e.className();
    if (!cls.isEmpty() && name(CLASSES, cls).has(word)) return true;
    String id = e.id();
    return !id.isEmpty() && name(IDS, id).has(word);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Named like furniture (and not also like content), or given a navigation/dialog role. */
  static boolean unlikelyCandidate(Element e) {
    return (named(e, W_UNLIKELY) && !named(e, W_MAYBE_CONTENT)) || UNLIKELY_ROLES.contains(e.attr("role"));
  }

  /** +25 per content-like class or id, -25 per furniture-like one. */
  static int classWeight(Element e) {
    int weight = 0;
    String cls = e.className();
    if (!cls.isEmpty()) {
      Name n = name(CLASSES, cls);
      if (n.has(W_NEGATIVE)) weight -= 25;
      if (n.has(W_POSITIVE)) weight += 25;
    }
    String id = e.id();
    if (!id.isEmpty()) {
      Name n = name(IDS, id);
      if (n.has(W_NEGATIVE)) weight -= 25;
      if (n.has(W_POSITIVE)) weight += 25;
    }
    return weight;
  }

  /** Named as a comment thread or a comment form (WordPress, Disqus, Movable Type and the like). */
  static boolean commentThread(Element e) {
    return named(e, W_COMMENT_THREAD);
  }

  static boolean shareWidget(Element e) {
    return named(e, W_SHARE);
  }

  static boolean commentSection(Element e) {
    return named(e, W_COMMENT_SECTION);
  }

  /** Which tier of {@link NamedContentContainer}'s content names the class or id is in (0, 2 or 3), or -1. */
  static int contentTier(Element e) {
    if (named(e, W_ARTICLE_BODY)) return 0;
    if (named(e, W_STORY)) return 2;
    return named(e, W_CONTENT) ? 3 : -1;
  }

  static boolean authorBox(Element e) {
    return named(e, W_AUTHOR_BOX);
  }

  static boolean byline(Element e) {
    return "author".equals(e.attr("rel")) || e.attr("itemprop").contains("author") || named(e, W_BYLINE);
  }

  /** Hidden by style, the hidden attribute or aria-hidden: the reader never sees it, so neither should the model. */
  static boolean hidden(Element e) {
    String style = lower(e.attr("style"));
    if (!style.isEmpty() && (DISPLAY_NONE.matcher(style).find() || VISIBILITY_HIDDEN.matcher(style).find())) return true;
    if (e.hasAttr("hidden")) return true;
    return "true".equals(e.attr("aria-hidden")) && !e.className().contains("fallback-image");
  }
}
