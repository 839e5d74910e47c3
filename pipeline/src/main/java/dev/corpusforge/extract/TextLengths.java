package dev.corpusforge.extract;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Text and link-text lengths of every element under a root, in one bottom-up pass, so that link densities of many
 * nested candidates cost one walk instead of one walk each. Lengths count whitespace runs as one character, which
 * is what {@code Element.text()} yields up to the spaces it trims at the ends.
 */
final class TextLengths {
  private final Map<Element, long[]> lengths = new IdentityHashMap<>();

  TextLengths(Element root) {
    NodeTraversor.traverse(new NodeVisitor() {
      @Override public void head(Node node, int depth) {
        if (node instanceof Element) lengths.put((Element) node, new long[2]);
      }

      @Override public void tail(Node node, int depth) {
        Element parent = node.parent() instanceof Element ? (Element) node.parent() : null;
        long[] parentLengths = parent == null ? null : lengths.get(parent);
        if (parentLengths == null) return;
        if (node instanceof TextNode) {
          parentLengths[0] += collapsedLength(((TextNode) node).getWholeText());
        } else if (node instanceof Element) {
          long[] own = lengths.get(node);
          if (((Element) node).normalName().equals("a")) {
            own[1] = Math.round(own[0] * (node.attr("href").startsWith("#") ? 0.3 : 1));
          }
          parentLengths[0] += own[0];
          parentLengths[1] += own[1];
        }
      }
    }, root);
  }

  /** Link text over text, as {@link Dom#linkDensity} computes it, from the lengths taken at construction. */
  double linkDensity(Element e) {
    long[] l = lengths.get(e);
    if (l == null) return Dom.linkDensity(e);
    return l[0] == 0 ? 0 : (double) l[1] / l[0];
  }

  private static int collapsedLength(String s) {
    int n = 0;
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        if (!space) n++;
        space = true;
      } else {
        n++;
        space = false;
      }
    }
    return n;
  }
}
