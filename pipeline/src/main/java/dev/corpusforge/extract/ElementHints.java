package dev.corpusforge.extract;

import java.util.Locale;
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

  private ElementHints() {}

  /** Class and id, lower-cased: what the name patterns (all lower case) are matched against. */
  static String classAndId(Element e) {
    return lower(e.className() + " " + e.id());
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Named like furniture (and not also like content), or given a navigation/dialog role. */
  static boolean unlikelyCandidate(Element e) {
    String names = classAndId(e);
    if (UNLIKELY.matcher(names).find() && !MAYBE_CONTENT.matcher(names).find()) return true;
    return UNLIKELY_ROLES.contains(e.attr("role"));
  }

  /** +25 per content-like class or id, -25 per furniture-like one. */
  static int classWeight(Element e) {
    int weight = 0;
    String cls = lower(e.className());
    if (!cls.isEmpty()) {
      if (NEGATIVE.matcher(cls).find()) weight -= 25;
      if (POSITIVE.matcher(cls).find()) weight += 25;
    }
    String id = lower(e.id());
    if (!id.isEmpty()) {
      if (NEGATIVE.matcher(id).find()) weight -= 25;
      if (POSITIVE.matcher(id).find()) weight += 25;
    }
    return weight;
  }

  /** Named as a comment thread or a comment form (WordPress, Disqus, Movable Type and the like). */
  static boolean commentThread(Element e) {
    return COMMENT_THREAD.matcher(classAndId(e)).find();
  }

  static boolean shareWidget(Element e) {
    return SHARE.matcher(classAndId(e)).find();
  }

  static boolean commentSection(Element e) {
    String cls = e.className();
    String id = e.id();
    if (cls.isEmpty() && id.isEmpty()) return false;
    return COMMENT_SECTION.matcher(lower(cls)).find() || COMMENT_SECTION.matcher(lower(id)).find();
  }

  static boolean authorBox(Element e) {
    return AUTHOR_BOX.matcher(classAndId(e)).find();
  }

  static boolean byline(Element e) {
    return "author".equals(e.attr("rel")) || e.attr("itemprop").contains("author")
        || BYLINE.matcher(classAndId(e)).find();
  }

  /** Hidden by style, the hidden attribute or aria-hidden: the reader never sees it, so neither should the model. */
  static boolean hidden(Element e) {
    String style = lower(e.attr("style"));
    if (!style.isEmpty() && (DISPLAY_NONE.matcher(style).find() || VISIBILITY_HIDDEN.matcher(style).find())) return true;
    if (e.hasAttr("hidden")) return true;
    return "true".equals(e.attr("aria-hidden")) && !e.className().contains("fallback-image");
  }
}
