package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Finds the element that holds the main content and gathers it with its related siblings into one container.
 *
 * <p>Every paragraph-like element with some text adds a score to its five nearest ancestors (less the further up):
 * one point, one per comma, one per 100 characters up to three. Ancestors start from a score for their tag and for
 * content- or furniture-like class names, and end scaled by the share of their text that is not links. The best
 * ancestor wins; it moves up when its parent scores higher or when several near-best candidates share a parent; its
 * siblings join when they score well themselves or read like prose.
 */
final class ContentSelector {
  private static final Set<String> SCORED_TAGS = Set.of("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre");
  private static final Set<String> EMPTY_WHEN_BLANK = Set.of("div", "section", "header", "h1", "h2", "h3", "h4", "h5",
      "h6");
  private static final Set<String> KEPT_SIBLING_TAGS = Set.of("div", "article", "section", "p", "ol", "ul", "table",
      "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "figure", "dl");
  private static final Pattern SENTENCE_END = Pattern.compile("\\.( |$)");
  private static final int ANCESTORS_SCORED = 5;
  private static final int TOP_CANDIDATES = 5;
  private static final int MIN_SHARED_CANDIDATES = 3;

  private final ExtractionPass pass;
  private final Map<Element, Double> scores = new IdentityHashMap<>();
  /** The elements the last selection took from the page. */
  private final List<Element> selected = new ArrayList<>();
  /** The class weight of the last selection's winner and its ancestors, summed. */
  private int pathWeight;

  ContentSelector(ExtractionPass pass) {
    this.pass = pass;
  }

  /** Scores the document (which it edits) and returns a new container holding the main content. */
  Element select(Document doc) {
    return select(doc.body() != null ? doc.body() : doc);
  }

  /** As {@link #select(Document)}, within one element of the page (which it edits). */
  Element select(Element body) {
    List<Element> paragraphs = collectParagraphs(body);
    List<Element> candidates = scoreAncestors(paragraphs, body);
    List<Element> top = best(candidates);

    Element winner = top.isEmpty() ? null : top.get(0);
    if (winner == null || winner == body) {
      winner = new Element("div");
      while (body.childNodeSize() > 0) winner.appendChild(body.childNode(0));
      body.appendChild(winner);
      initialize(winner);
    } else {
      winner = promote(winner, top, body);
    }
    pathWeight = 0;
    for (Element e = winner; e != null && e != body; e = e.parent()) pathWeight += ElementHints.classWeight(e);
    return gatherSiblings(winner, body);
  }

  /** Whether the last {@link #select} took the given elements of the page it scored, and nothing else. */
  boolean selectedExactly(List<Element> elements) {
    if (selected.size() != elements.size()) return false;
    for (Element e : selected) if (!containsIdentity(elements, e)) return false;
    return true;
  }

  /**
   * What the names of the last selection's winner and of its ancestors say of it: +25 per content-like class or id,
   * -25 per furniture-like one, whether or not the selection weighed them.
   */
  int pathWeight() {
    return pathWeight;
  }

  /**
   * The content of elements of the page, whole, with furniture dropped and text-only divs turned into paragraphs as
   * for scoring. Their children move into the returned container, so that cleaning judges what is inside them and
   * never drops the named parts themselves.
   */
  Element whole(List<Element> parts) {
    Element article = new Element("div");
    for (Element part : parts) {
      collectParagraphs(part);
      article.appendChildren(new ArrayList<>(part.childNodes()));
    }
    return article;
  }

  /**
   * One pass over the page: drops furniture (comment sections and short author boxes among it), turns text-only divs
   * into paragraphs, lists what gets scored.
   */
  private List<Element> collectParagraphs(Element body) {
    List<Element> paragraphs = new ArrayList<>();
    boolean titleHeaderPending = pass.headingTitle != null;
    Element end = Dom.next(body, true);
    Element e = body.firstElementChild();
    while (e != null && e != end) {
      String tag = e.normalName();
      if (pass.byline == null && ElementHints.byline(e)) {
        String text = e.text();
        if (!text.isEmpty() && text.length() < 100) {
          pass.byline = text;
          e = Dom.removeAndNext(e);
          continue;
        }
      }
      if (titleHeaderPending && (tag.equals("h1") || tag.equals("h2"))
          && PageTitle.similarity(pass.headingTitle, e.text()) > 0.75) {
        titleHeaderPending = false;
        e = Dom.removeAndNext(e);
        continue;
      }
      if (pass.stripUnlikely && !tag.equals("a") && ((ElementHints.unlikelyCandidate(e)
          && !Dom.hasAncestor(e, "table", 0) && !Dom.hasAncestor(e, "code", 0)) || namedWidget(e))) {
        e = Dom.removeAndNext(e);
        continue;
      }
      if (EMPTY_WHEN_BLANK.contains(tag) && Dom.withoutContent(e)) {
        e = Dom.removeAndNext(e);
        continue;
      }
      if (SCORED_TAGS.contains(tag)) paragraphs.add(e);
      if (tag.equals("div")) {
        wrapInlineRuns(e);
        if (Dom.singleChild(e, "p") && Dom.linkDensity(e) < 0.25) {
          Element p = e.child(0);
          e.replaceWith(p);
          paragraphs.add(p);
          e = p;
        } else if (!Dom.hasBlockDescendant(e)) {
          e.tagName("p");
          paragraphs.add(e);
        }
      }
      e = Dom.next(e, false);
    }
    return paragraphs;
  }

  /**
   * A comment section or a short author box, by its name: unlike other furniture names these hold in layout tables
   * too, where old blogs put their comment threads.
   */
  private static boolean namedWidget(Element e) {
    return ElementHints.commentSection(e)
        || (ElementHints.authorBox(e) && e.text().length() < ArticleCleaner.WIDGET_MAX_CHARS);
  }

  /** Wraps each run of inline content directly inside a div into a paragraph of its own. */
  private static void wrapInlineRuns(Element div) {
    Element p = null;
    Node child = div.childNodeSize() > 0 ? div.childNode(0) : null;
    while (child != null) {
      Node next = child.nextSibling();
      if (Dom.phrasing(child)) {
        if (p != null) {
          p.appendChild(child);
        } else if (!Dom.whitespace(child)) {
          p = new Element("p");
          child.replaceWith(p);
          p.appendChild(child);
        }
      } else if (p != null) {
        trimTrailingWhitespace(p);
        p = null;
      }
      child = next;
    }
    if (p != null) trimTrailingWhitespace(p);
  }

  private static void trimTrailingWhitespace(Element p) {
    while (p.childNodeSize() > 0 && Dom.whitespace(p.childNode(p.childNodeSize() - 1))) {
      p.childNode(p.childNodeSize() - 1).remove();
    }
  }

  private List<Element> scoreAncestors(List<Element> paragraphs, Element root) {
    List<Element> candidates = new ArrayList<>();
    for (Element p : paragraphs) {
      if (p.parent() == null || !attached(p)) continue;
      String text = p.text();
      if (text.length() < 25) continue;
      double score = 1 + Dom.commas(text) + 1 + Math.min(text.length() / 100, 3);
      int level = 0;
      for (Element a = p.parent(); a != null && level < ANCESTORS_SCORED; a = a.parent(), level++) {
        if (a == root.parent() || a.normalName().equals("html") || a instanceof Document) break;
        // Groups made by TreeLimits are not the page's structure: score through them.
        while (a.normalName().equals(TreeLimits.GROUP) && a.parent() != null) a = a.parent();
        if (!scores.containsKey(a)) {
          initialize(a);
          candidates.add(a);
        }
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        scores.merge(a, score / divider, Double::sum);
      }
    }
    if (!candidates.isEmpty()) {
      TextLengths lengths = new TextLengths(candidates.get(0).ownerDocument() != null
          ? candidates.get(0).ownerDocument() : candidates.get(0));
      for (Element c : candidates) scores.put(c, scores.get(c) * (1 - lengths.linkDensity(c)));
    }
    return candidates;
  }

  private static boolean attached(Element e) {
    Element top = e;
    while (top.parent() != null) top = top.parent();
    return top instanceof Document;
  }

  private List<Element> best(List<Element> candidates) {
    List<Element> sorted = new ArrayList<>(candidates);
    sorted.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
    return sorted.subList(0, Math.min(TOP_CANDIDATES, sorted.size()));
  }

  private void initialize(Element e) {
    double score;
    switch (e.normalName()) {
      case "div": score = 5; break;
      case "pre": case "td": case "blockquote": score = 3; break;
      case "address": case "ol": case "ul": case "dl": case "dd": case "dt": case "li": case "form": score = -3; break;
      case "h1": case "h2": case "h3": case "h4": case "h5": case "h6": case "th": score = -5; break;
      default: score = 0;
    }
    scores.put(e, score + (pass.weightClasses ? ElementHints.classWeight(e) : 0));
  }

  private double score(Element e) {
    return scores.getOrDefault(e, 0.0);
  }

  /** Moves the winner up to a common parent of near-best candidates, or to a parent that scores better. */
  private Element promote(Element winner, List<Element> top, Element body) {
    double topScore = score(winner);
    List<List<Element>> nearBestAncestors = new ArrayList<>();
    for (int i = 1; i < top.size(); i++) {
      if (score(top.get(i)) / topScore >= 0.75) nearBestAncestors.add(top.get(i).parents());
    }
    if (nearBestAncestors.size() >= MIN_SHARED_CANDIDATES) {
      for (Element parent = winner.parent(); parent != null && parent != body; parent = parent.parent()) {
        int containing = 0;
        for (List<Element> ancestors : nearBestAncestors) {
          if (containsIdentity(ancestors, parent)) containing++;
        }
        if (containing >= MIN_SHARED_CANDIDATES) {
          winner = parent;
          break;
        }
      }
    }
    if (!scores.containsKey(winner)) initialize(winner);

    double lastScore = score(winner);
    double threshold = lastScore / 3;
    for (Element parent = winner.parent(); parent != null && parent != body; parent = parent.parent()) {
      if (!scores.containsKey(parent)) continue;
      double parentScore = score(parent);
      if (parentScore < threshold) break;
      if (parentScore > lastScore) {
        winner = parent;
        break;
      }
      lastScore = parentScore;
    }
    for (Element parent = winner.parent(); parent != null && parent != body
         && (parent.childrenSize() == 1 || winner.normalName().equals(TreeLimits.GROUP)); parent = parent.parent()) {
      winner = parent;
    }
    if (!scores.containsKey(winner)) initialize(winner);
    return winner;
  }

  private static boolean containsIdentity(List<Element> list, Element e) {
    for (Element x : list) if (x == e) return true;
    return false;
  }

  /** The winner plus those of its siblings that score near it, share its class, or read like prose. */
  private Element gatherSiblings(Element winner, Element body) {
    Element article = new Element("div");
    double topScore = score(winner);
    double threshold = Math.max(10, topScore * 0.2);
    Element parent = winner.parent();
    List<Element> siblings = parent == null ? List.of(winner) : new ArrayList<>(parent.children());
    for (Element sibling : siblings) {
      boolean append = sibling == winner;
      if (!append) {
        double bonus = 0;
        if (!winner.className().isEmpty() && sibling.className().equals(winner.className())) bonus = topScore * 0.2;
        if (scores.containsKey(sibling) && score(sibling) + bonus >= threshold) {
          append = true;
        } else if (sibling.normalName().equals("p")) {
          double linkDensity = Dom.linkDensity(sibling);
          String text = sibling.text();
          if (text.length() > 80 && linkDensity < 0.25) append = true;
          else if (text.length() < 80 && !text.isEmpty() && linkDensity == 0 && SENTENCE_END.matcher(text).find()) {
            append = true;
          }
        }
      }
      if (append) {
        if (!KEPT_SIBLING_TAGS.contains(sibling.normalName())) sibling.tagName("div");
        article.appendChild(sibling);
        selected.add(sibling);
      }
    }
    return article;
  }
}
