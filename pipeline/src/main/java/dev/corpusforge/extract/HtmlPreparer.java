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
 * navigation, hidden elements, dialogs and comments; and turns runs of {@code <br><br>} into paragraphs so that
 * text laid out with line breaks scores like text laid out with {@code <p>}.
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
      if (e != root && (NEVER_CONTENT.contains(e.normalName()) || ElementHints.hidden(e)
          || ("dialog".equals(e.attr("role")) && "true".equals(e.attr("aria-modal"))))) {
        e = Dom.removeAndNext(e);
        continue;
      }
      if (e.normalName().equals("font")) e.tagName("span");
      e = Dom.next(e, false);
    }
    removeComments(root);
    for (Element br : root.getElementsByTag("br")) {
      if (br.parent() != null) paragraphAfterBreaks(br);
    }
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
   * paragraph, up to the next double break or block.
   */
  private static void paragraphAfterBreaks(Element br) {
    boolean replaced = false;
    Element next = nextBreakAfterWhitespace(br);
    while (next != null) {
      replaced = true;
      Element after = nextBreakAfterWhitespace(next);
      next.remove();
      next = after;
    }
    if (!replaced) return;
    Element p = new Element("p");
    br.replaceWith(p);
    Node sibling = p.nextSibling();
    while (sibling != null) {
      if (sibling instanceof Element && ((Element) sibling).normalName().equals("br")) {
        Element following = nextBreakAfterWhitespace((Element) sibling);
        if (following != null) break;
      }
      if (!Dom.phrasing(sibling)) break;
      Node after = sibling.nextSibling();
      p.appendChild(sibling);
      sibling = after;
    }
    while (p.childNodeSize() > 0 && Dom.whitespace(p.childNode(p.childNodeSize() - 1))) {
      p.childNode(p.childNodeSize() - 1).remove();
    }
    Element parent = p.parent();
    if (parent != null && parent.normalName().equals("p")) parent.tagName("div");
  }

  private static Element nextBreakAfterWhitespace(Element br) {
    Node n = br.nextSibling();
    while (n instanceof TextNode && ((TextNode) n).isBlank()) n = n.nextSibling();
    return n instanceof Element && ((Element) n).normalName().equals("br") ? (Element) n : null;
  }
}
