package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Removes what is never content, whatever the scoring says: scripts, styles, embedded objects, form controls, page
 * navigation, asides (unless one holds the page's h1), hidden elements, dialogs and comments; and turns runs of
 * {@code <br><br>} into paragraphs so that text laid out with line breaks scores like text laid out with {@code <p>}.
 */
final class HtmlPreparer {
  private static final Set<String> NEVER_CONTENT = Set.of("script", "noscript", "style", "template", "svg", "canvas",
      "link", "meta", "nav", "aside", "footer", "iframe", "object", "embed", "input", "textarea", "select", "button",
      "dialog");

  private HtmlPreparer() {}

  static void prepare(Document doc) {
    Element root = doc.body() != null ? doc.body() : doc;
    Element e = root;
    while (e != null) {
      if (e != root && ((NEVER_CONTENT.contains(e.normalName()) && !headlineAside(e)) || ElementHints.hidden(e)
          || ("dialog".equals(e.attr("role")) && "true".equals(e.attr("aria-modal"))))) {
        e = Dom.removeAndNext(e);
        continue;
      }
      if (e.normalName().equals("font")) e.tagName("span");
      e = Dom.next(e, false);
    }
    removeComments(root);
    Set<Element> brParents = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Element br : root.getElementsByTag("br")) brParents.add(br.parent());
    for (Element parent : brParents) paragraphsAtDoubleBreaks(parent);
  }

  /**
   * An aside that holds an h1 is the page's story put in the wrong element (some blog themes wrap each post in
   * {@code <aside>}); a real aside (a pull quote, a sidebar) never carries the page's top heading.
   */
  private static boolean headlineAside(Element e) {
    return e.normalName().equals("aside") && !e.getElementsByTag("h1").isEmpty();
  }

  private static void removeComments(Element root) {
    List<Node> comments = new ArrayList<>();
    root.forEachNode(n -> {
      if (n instanceof Comment) comments.add(n);
    });
    comments.forEach(Node::remove);
  }

  /**
   * At two or more consecutive line breaks, drops the breaks and moves the inline content that follows into a new
   * paragraph, up to the next double break or block. Rebuilds the parent's children in one pass, so a long run of
   * break-separated lines costs linear time.
   */
  private static void paragraphsAtDoubleBreaks(Element parent) {
    List<Node> children = new ArrayList<>(parent.childNodes());
    boolean any = false;
    for (int i = 0; i < children.size() && !any; i++) any = doubleBreakAt(children, i);
    if (!any) return;
    // Detach all children first: moving them one by one out of a live parent costs the sibling count each time.
    parent.empty();
    int i = 0;
    while (i < children.size()) {
      if (!doubleBreakAt(children, i)) {
        parent.appendChild(children.get(i++));
        continue;
      }
      i++;
      while (i < children.size() && Dom.whitespace(children.get(i))) i++;
      int start = i;
      while (i < children.size() && !doubleBreakAt(children, i) && Dom.phrasing(children.get(i))) i++;
      int end = i;
      while (end > start && Dom.whitespace(children.get(end - 1))) end--;
      Element p = new Element("p");
      p.appendChildren(children.subList(start, end));
      parent.appendChild(p);
    }
    if (parent.normalName().equals("p")) parent.tagName("div");
  }

  /** A br followed, after nothing but whitespace, by another br. */
  private static boolean doubleBreakAt(List<Node> children, int i) {
    if (!isBreak(children.get(i))) return false;
    for (int j = i + 1; j < children.size(); j++) {
      Node n = children.get(j);
      if (isBreak(n)) return true;
      if (!(n instanceof TextNode) || !((TextNode) n).isBlank()) return false;
    }
    return false;
  }

  private static boolean isBreak(Node n) {
    return n instanceof Element && ((Element) n).normalName().equals("br");
  }
}
