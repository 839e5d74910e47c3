package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Flattens markup nested deeper than a limit into plain text with line breaks. Real pages nest a few dozen levels;
 * hostile or broken ones nest 100,000, and every per-element measure costs its depth, so the flattening keeps the
 * extractor linear-ish in page size while losing no text.
 */
final class DepthLimiter {
  private DepthLimiter() {}

  static void flatten(Element root, int maxDepth) {
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
}
