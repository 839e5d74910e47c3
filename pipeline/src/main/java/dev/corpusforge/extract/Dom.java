package dev.corpusforge.extract;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** Tree walking and text measures over jsoup elements, all iterative so that no page depth can overflow the stack. */
final class Dom {
  static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
  /** Elements that make a div a container rather than a paragraph. */
  static final Set<String> BLOCKS_IN_DIV = Set.of("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul");
  private static final Set<String> PHRASING = Set.of("abbr", "audio", "b", "bdo", "br", "button", "cite", "code",
      "data", "datalist", "dfn", "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter",
      "noscript", "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
      "sub", "sup", "textarea", "time", "var", "wbr");

  private Dom() {}

  /** The next element in document order; with {@code skipChildren}, the next one after this element's subtree. */
  static Element next(Element e, boolean skipChildren) {
    if (!skipChildren) {
      Element child = e.firstElementChild();
      if (child != null) return child;
    }
    for (Element n = e; n != null; n = n.parent()) {
      Element sibling = n.nextElementSibling();
      if (sibling != null) return sibling;
    }
    return null;
  }

  /** The child indexes that lead from the tree's root down to the node; {@link #at} follows them in a copy. */
  static int[] path(Node n) {
    int depth = 0;
    for (Node a = n; a.parentNode() != null; a = a.parentNode()) depth++;
    int[] path = new int[depth];
    for (Node a = n; a.parentNode() != null; a = a.parentNode()) path[--depth] = a.siblingIndex();
    return path;
  }

  static Node at(Node root, int[] path) {
    Node n = root;
    for (int i : path) n = n.childNode(i);
    return n;
  }

  static Element removeAndNext(Element e) {
    Element next = next(e, true);
    e.remove();
    return next;
  }

  /** Text as a reader sees it: whitespace collapsed, trimmed. */
  static String text(Element e) {
    return e.text();
  }

  /** Share of the text that sits inside links; in-page anchors (#...) count 0.3, as they are rarely navigation. */
  static double linkDensity(Element e) {
    return linkDensity(e, text(e).length());
  }

  /** As {@link #linkDensity(Element)}, for a caller that already has the length of the element's text. */
  static double linkDensity(Element e, int length) {
    if (length == 0) return 0;
    double linkLength = 0;
    for (Element a : e.getElementsByTag("a")) {
      if (a == e) continue;
      double coefficient = a.attr("href").startsWith("#") ? 0.3 : 1;
      linkLength += a.text().length() * coefficient;
    }
    return linkLength / length;
  }

  /** Share of the text (of the given length) inside descendants with one of the given tags. */
  static double textDensity(Element e, Set<String> tags, int length) {
    if (length == 0) return 0;
    int inside = 0;
    for (Element d : e.getAllElements()) {
      if (d != e && tags.contains(d.normalName())) inside += d.text().length();
    }
    return (double) inside / length;
  }

  /**
   * Whether some text lies inside a descendant with one of the given tags (a text density above zero), in one walk:
   * a descendant without text has none below it either, so its subtree is skipped.
   */
  static boolean hasTextInside(Element e, Set<String> tags) {
    Element end = next(e, true);
    Element d = e.firstElementChild();
    while (d != null && d != end) {
      if (tags.contains(d.normalName())) {
        if (hasText(d)) return true;
        d = next(d, true);
      } else {
        d = next(d, false);
      }
    }
    return false;
  }

  /**
   * Whether the element's text holds at least {@code n} commas, read from its text nodes (whitespace, which
   * {@code text()} normalizes, is never a comma) and stopping at the n-th: a long container answers after its first
   * paragraphs, where building its text would walk it all.
   */
  static boolean commasAtLeast(Element e, int n) {
    int count = 0;
    Node node = e.childNodeSize() > 0 ? e.childNode(0) : null;
    while (node != null) {
      if (node instanceof TextNode) {
        count += commas(((TextNode) node).getWholeText());
        if (count >= n) return true;
      }
      if (node.childNodeSize() > 0) {
        node = node.childNode(0);
        continue;
      }
      while (node != e && node.nextSibling() == null) node = node.parentNode();
      node = node == e ? null : node.nextSibling();
    }
    return false;
  }

  /** Whether any text below the element holds a letter or digit: such text is never blank, whatever its spacing. */
  static boolean hasLetterOrDigit(Element e) {
    return e.nodeStream(TextNode.class).anyMatch(t -> {
      String s = t.getWholeText();
      for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) return true;
      return false;
    });
  }

  static int commas(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '\u060C' || c == '\uFE50' || c == '\uFE10' || c == '\uFE11' || c == '\u2E41'
          || c == '\u2E34' || c == '\u2E32' || c == '\uFF0C') n++;
    }
    return n;
  }

  static boolean hasAncestor(Element e, String tag, int maxDepth) {
    int depth = 0;
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (maxDepth > 0 && depth++ == maxDepth) return false;
      if (p.normalName().equals(tag)) return true;
    }
    return false;
  }

  /** Inline content: text, or a phrasing element (a, del, ins only if everything inside them is inline too). */
  static boolean phrasing(Node n) {
    if (n instanceof TextNode) return true;
    if (!(n instanceof Element)) return false;
    Element e = (Element) n;
    String tag = e.normalName();
    if (PHRASING.contains(tag)) return true;
    if (!tag.equals("a") && !tag.equals("del") && !tag.equals("ins")) return false;
    for (Element d : e.getAllElements()) {
      String t = d.normalName();
      if (d != e && !PHRASING.contains(t) && !t.equals("a") && !t.equals("del") && !t.equals("ins")) return false;
    }
    return true;
  }

  static boolean whitespace(Node n) {
    if (n instanceof TextNode) return ((TextNode) n).isBlank();
    return n instanceof Element && ((Element) n).normalName().equals("br");
  }

  /** Whether any descendant is a block that keeps a div from being read as one paragraph. */
  static boolean hasBlockDescendant(Element e) {
    Element end = next(e, true);
    for (Element d = e.firstElementChild(); d != null && d != end; d = next(d, false)) {
      if (BLOCKS_IN_DIV.contains(d.normalName())) return true;
    }
    return false;
  }

  /** Exactly one child element, of the given tag, and no text beside it. */
  static boolean singleChild(Element e, String tag) {
    if (e.childrenSize() != 1 || !e.child(0).normalName().equals(tag)) return false;
    for (Node n : e.childNodes()) {
      if (n instanceof TextNode && !((TextNode) n).isBlank()) return false;
    }
    return true;
  }

  /** Whether any text below the element is more than whitespace; stops at the first that is. */
  static boolean hasText(Element e) {
    return e.nodeStream().anyMatch(n -> n instanceof TextNode && !((TextNode) n).isBlank());
  }

  /** No text, and nothing but line breaks and rules inside. */
  static boolean withoutContent(Element e) {
    if (hasText(e)) return false;
    for (Element c : e.children()) {
      if (!c.normalName().equals("br") && !c.normalName().equals("hr")) return false;
    }
    return true;
  }
}
