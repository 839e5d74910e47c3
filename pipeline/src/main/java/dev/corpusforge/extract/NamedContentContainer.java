package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Finds the element a page names as its article body, the way trafilatura's BODY_XPATH does before any scoring:
 * content-management systems mark the story with a class, id or microdata property ("entry-content", "post-body",
 * itemprop=articleBody), and such a mark is more reliable than text statistics where a page carries more text
 * outside the story (slideshow captions, comment threads, link lists) than in it.
 *
 * <p>The names come in tiers from specific to generic (article-body names, then the first {@code <article>}, then
 * story names, then generic "content" names, then {@code <main>}); the first element of the most specific tier
 * present wins. Only div, article, main and section count, as in trafilatura: a {@code <p class="entry-content">} is
 * a paragraph, not a container. Its later siblings of the same tag and class join it, as Readability joins siblings
 * that share the winner's class: sites that split a story around inline boxes give each part the same name.
 */
final class NamedContentContainer {
  static final int TIERS = 5;
  /** Class or id of the article body itself; matched against the lower-cased class and id. */
  static final Pattern ARTICLE_BODY = Pattern.compile("(^|[\\s_-])((entry|article|art|post|story|blog)[-_]?"
      + "(content|body|text|entry)|articlebody|article__(content|body)|body-?text|post[-_]inner|postcontent"
      + "|entrytext|storytext)($|[\\s_-])|^(post|entry)$");
  /** Names of the story container, one level more generic. */
  static final Pattern STORY = Pattern.compile("(^|\\s)(story|article|fulltext|postarea|single-post"
      + "|main-column|story-?content|field-body|(theme|blog|section|single)-content)($|\\s)|^primary|^story");
  /** Generic content names: the page's content column, which may still hold a sidebar of its own. */
  static final Pattern CONTENT = Pattern.compile("^content$|content[-_]?(main|body)|main[-_]?content"
      + "|page-content");

  private NamedContentContainer() {}

  /** The container of the most specific tier present below {@code root} and its namesakes; empty when none. */
  static List<Element> find(Element root) {
    Element[] firstOfTier = new Element[TIERS];
    for (Element e = Dom.next(root, false); e != null; e = Dom.next(e, false)) {
      int tier = tier(e);
      if (tier >= 0 && firstOfTier[tier] == null) {
        firstOfTier[tier] = e;
        if (tier == 0) break;
      }
    }
    for (Element first : firstOfTier) {
      if (first == null) continue;
      List<Element> parts = new ArrayList<>();
      parts.add(first);
      if (!first.className().isEmpty()) {
        for (Element s = first.nextElementSibling(); s != null; s = s.nextElementSibling()) {
          if (s.normalName().equals(first.normalName()) && s.className().equals(first.className())) parts.add(s);
        }
      }
      return parts;
    }
    return List.of();
  }

  private static int tier(Element e) {
    String tag = e.normalName();
    boolean container = tag.equals("div") || tag.equals("article") || tag.equals("main") || tag.equals("section");
    if (!container) return -1;
    if (e.attr("itemprop").equalsIgnoreCase("articleBody")) return 0;
    int byName = ElementHints.contentTier(e);
    if (byName == 0) return 0;
    if (tag.equals("article")) return 1;
    if (byName == 2 || "article".equals(e.attr("role"))) return 2;
    if (byName == 3) return 3;
    return tag.equals("main") || "main".equals(e.attr("role")) ? 4 : -1;
  }
}
