package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Bounds the shape of a parsed page so that extraction stays near-linear in its size. Markup nested deeper than a
 * limit is flattened into its text with line breaks (every per-element measure costs the element's depth); an element
 * with more children than a limit gets them grouped under neutral {@code <cf-group>} elements (removing or moving one
 * child costs the number of its siblings). Real pages stay far below both limits; hostile or broken ones do not.
 */
final class TreeLimits {
  /** A tag no page uses: inline for jsoup, unscored, never cleaned, invisible in the rendered text. */
  static final String GROUP = "cf-group";

  private TreeLimits() {}

  static void flattenDeeperThan(Element root, int maxDepth) {
    List<Element> tooDeep = new ArrayList<>();
    NodeTraversor.traverse((node, depth) -> {
      if (depth == maxDepth && node instanceof Element && ((Element) node).childrenSize() > 0) {
        tooDeep.add((Element) node);
      }
    }, root);
    for (Element e : tooDeep) {
      List<Node> flat = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      NodeTraversor.traverse(new NodeVisitor() {
        @Override public void head(Node node, int depth) {
          if (node instanceof TextNode) {
            text.append(((TextNode) node).getWholeText());
          } else if (node != e && node instanceof Element && ((Element) node).isBlock() && text.length() > 0) {
            flat.add(new TextNode(text.toString()));
            flat.add(new Element("br"));
            text.setLength(0);
          }
        }
      }, e);
      if (text.length() > 0) flat.add(new TextNode(text.toString()));
      e.empty();
      e.appendChildren(flat);
    }
  }

  static void groupWiderThan(Element root, int maxChildren) {
    List<Element> tooWide = new ArrayList<>();
    for (Element e : root.getAllElements()) if (e.childNodeSize() > maxChildren) tooWide.add(e);
    for (Element e : tooWide) {
      while (e.childNodeSize() > maxChildren) {
        List<Node> children = new ArrayList<>(e.childNodes());
        e.empty();
        for (int start = 0; start < children.size(); start += maxChildren) {
          Element group = new Element(GROUP);
          group.appendChildren(children.subList(start, Math.min(children.size(), start + maxChildren)));
          e.appendChild(group);
        }
      }
    }
  }
}
