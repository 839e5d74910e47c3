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

  /**
   * Most elements have neither class nor id, and the rest repeat a few names on a page (and across a site's pages):
   * what the names say is matched once per distinct class and id and kept, per thread, for the pages that follow.
   */
  private static final ThreadLocal<Map<String, Names>> SEEN = ThreadLocal.withInitial(HashMap::new);
  /** Distinct names kept per thread before the memo starts over; a site's templates use far fewer. */
  private static final int SEEN_MAX = 4096;
  private static final Names UNNAMED = new Names("", "");

  /** What one class and id say, matched against the word lists once. */
  private static final class Names {
    final boolean unlikely;
    final int weight;
    final boolean commentThread;
    final boolean share;
    final boolean commentSection;
    final boolean authorBox;
    final boolean byline;
    final int contentTier;

    Names(String cls, String id) {
      String lowerCls = lower(cls);
      String lowerId = lower(id);
      String names = lowerCls + " " + lowerId;
      unlikely = UNLIKELY.matcher(names).find() && !MAYBE_CONTENT.matcher(names).find();
      int w = 0;
      if (!lowerCls.isEmpty()) {
        if (NEGATIVE.matcher(lowerCls).find()) w -= 25;
        if (POSITIVE.matcher(lowerCls).find()) w += 25;
      }
      if (!lowerId.isEmpty()) {
        if (NEGATIVE.matcher(lowerId).find()) w -= 25;
        if (POSITIVE.matcher(lowerId).find()) w += 25;
      }
      weight = w;
      commentThread = COMMENT_THREAD.matcher(names).find();
      share = SHARE.matcher(names).find();
      commentSection = (!cls.isEmpty() || !id.isEmpty())
          && (COMMENT_SECTION.matcher(lowerCls).find() || COMMENT_SECTION.matcher(lowerId).find());
      authorBox = AUTHOR_BOX.matcher(names).find();
      byline = BYLINE.matcher(names).find();
      contentTier = cls.isEmpty() && id.isEmpty() ? -1 : NamedContentContainer.tierOfNames(lowerCls, lowerId);
    }
  }

  private ElementHints() {}

  private static Names names(Element e) {
    String cls = e.className();
    String id = e.id();
    if (cls.isEmpty() && id.isEmpty()) return UNNAMED;
    Map<String, Names> seen = SEEN.get();
    String key = cls + '\u0000' + id;
    Names n = seen.get(key);
    if (n == null) {
      if (seen.size() >= SEEN_MAX) seen.clear();
      n = new Names(cls, id);
      seen.put(key, n);
    }
    return n;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Named like furniture (and not also like content), or given a navigation/dialog role. */
  static boolean unlikelyCandidate(Element e) {
    return names(e).unlikely || UNLIKELY_ROLES.contains(e.attr("role"));
  }

  /** +25 per content-like class or id, -25 per furniture-like one. */
  static int classWeight(Element e) {
    return names(e).weight;
  }

  /** Named as a comment thread or a comment form (WordPress, Disqus, Movable Type and the like). */
  static boolean commentThread(Element e) {
    return names(e).commentThread;
  }

  static boolean shareWidget(Element e) {
    return names(e).share;
  }

  static boolean commentSection(Element e) {
    return names(e).commentSection;
  }

  /** Which tier of {@link NamedContentContainer}'s content names the class or id is in, or -1. */
  static int contentTier(Element e) {
    return names(e).contentTier;
  }

  static boolean authorBox(Element e) {
    return names(e).authorBox;
  }

  static boolean byline(Element e) {
    return "author".equals(e.attr("rel")) || e.attr("itemprop").contains("author")
        || names(e).byline;
  }

  /** Hidden by style, the hidden attribute or aria-hidden: the reader never sees it, so neither should the model. */
  static boolean hidden(Element e) {
    String style = lower(e.attr("style"));
    if (!style.isEmpty() && (DISPLAY_NONE.matcher(style).find() || VISIBILITY_HIDDEN.matcher(style).find())) return true;
    if (e.hasAttr("hidden")) return true;
    return "true".equals(e.attr("aria-hidden")) && !e.className().contains("fallback-image");
  }
}
