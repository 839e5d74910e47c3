package dev.corpusforge.extract;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Renders extracted content as plain text, one block per line: paragraphs, headings, list items, table rows (cells
 * joined by " | ") and each line of a code block. Inline whitespace collapses to one space; code keeps its own.
 */
final class BlockText {
  private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "caption", "center",
      "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
      "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
      "table", "tbody", "thead", "tfoot", "tr", "ul", "body", "html");
  private static final Set<String> CELLS = Set.of("td", "th");

  private BlockText() {}

  static String render(Element root) {
    Renderer r = new Renderer();
    NodeTraversor.traverse(r, root);
    return r.finish();
  }

  private static final class Renderer implements NodeVisitor {
    private final StringBuilder out = new StringBuilder();
    private int inPre;
    private boolean pendingSpace;
    private boolean cellStarted;

    @Override public void head(Node node, int depth) {
      if (node instanceof TextNode) {
        text((TextNode) node);
      } else if (node instanceof Element) {
        String tag = ((Element) node).normalName();
        if (tag.equals("br")) {
          newline();
        } else if (CELLS.contains(tag)) {
          if (cellStarted && !atLineStart()) out.append(" | ");
          cellStarted = true;
          pendingSpace = false;
        } else if (BLOCKS.contains(tag)) {
          newline();
          if (tag.equals("tr")) cellStarted = false;
        }
        if (tag.equals("pre")) inPre++;
      }
    }

    @Override public void tail(Node node, int depth) {
      if (node instanceof Element) {
        String tag = ((Element) node).normalName();
        if (tag.equals("pre")) inPre--;
        if (BLOCKS.contains(tag)) newline();
      }
    }

    private void text(TextNode t) {
      String s = t.getWholeText();
      if (inPre > 0) {
        if (pendingSpace && !atLineStart()) out.append(' ');
        pendingSpace = false;
        out.append(s);
        return;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || c == '\u00A0') {
          pendingSpace = true;
        } else {
          if (pendingSpace && !atLineStart()) out.append(' ');
          pendingSpace = false;
          out.append(c);
        }
      }
    }

    private boolean atLineStart() {
      return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
    }

    private void newline() {
      pendingSpace = false;
      if (!atLineStart()) out.append('\n');
    }

    /** Drops blank lines; only code lines can start with whitespace, and they keep their indentation. */
    String finish() {
      StringBuilder clean = new StringBuilder(out.length());
      for (String line : out.toString().split("\n")) {
        if (line.isBlank()) continue;
        if (clean.length() > 0) clean.append('\n');
        clean.append(line.stripTrailing());
      }
      return clean.toString();
    }
  }
}
