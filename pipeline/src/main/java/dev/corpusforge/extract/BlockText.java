package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Renders extracted content as plain text, one block per line: paragraphs, headings, list items, table rows (cells
 * joined by " | ") and each line of a code block. Inline whitespace collapses to one space; code keeps its own.
 * Each block also records how much of its text sits in links and what kind of element it came from, which is what
 * {@link BoilerplateBlocks} classifies it by.
 */
final class BlockText {
  private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "caption", "center",
      "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
      "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
      "table", "tbody", "thead", "tfoot", "tr", "ul", "body", "html");
  private static final Set<String> CELLS = Set.of("td", "th");

  /** One rendered line (or, for code, one block of lines) with what it was made of. */
  static final class Block {
    final String text;
    /** Characters of the text that sit inside links. */
    final int linkChars;
    /** Characters, with each run of whitespace counted as one (jusText's paragraph length). */
    final int chars;
    final boolean heading;
    final boolean listItem;
    final boolean code;
    final boolean caption;

    Block(String text, int linkChars, int chars, boolean heading, boolean listItem, boolean code, boolean caption) {
      this.text = text;
      this.linkChars = linkChars;
      this.chars = chars;
      this.heading = heading;
      this.listItem = listItem;
      this.code = code;
      this.caption = caption;
    }

    double linkDensity() {
      return chars == 0 ? 0 : (double) linkChars / chars;
    }
  }

  private BlockText() {}

  static List<Block> blocks(Element root) {
    Renderer r = new Renderer();
    NodeTraversor.traverse(r, root);
    r.newline();
    return r.blocks;
  }

  /** The blocks' text, one per line; blank lines dropped, trailing whitespace stripped (code keeps indentation). */
  static String join(List<Block> blocks) {
    StringBuilder clean = new StringBuilder();
    for (Block b : blocks) {
      for (String line : b.code ? b.text.split("\n") : new String[] {b.text}) {
        if (line.isBlank()) continue;
        if (clean.length() > 0) clean.append('\n');
        clean.append(line.stripTrailing());
      }
    }
    return clean.toString();
  }

  private static final class Renderer implements NodeVisitor {
    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private int inPre;
    private int inLink;
    private int inHeading;
    private int inItem;
    private int inCaption;
    private int linkChars;
    private int chars;
    private boolean heading;
    private boolean listItem;
    private boolean code;
    private boolean caption;
    private boolean pendingSpace;
    private boolean cellStarted;

    @Override public void head(Node node, int depth) {
      if (node instanceof TextNode) {
        text((TextNode) node);
      } else if (node instanceof Element) {
        String tag = ((Element) node).normalName();
        if (tag.equals("br")) {
          if (inPre > 0) out.append('\n');
          else newline();
        } else if (CELLS.contains(tag)) {
          if (cellStarted && out.length() > 0) out.append(" | ");
          cellStarted = true;
          pendingSpace = false;
        } else if (BLOCKS.contains(tag)) {
          newline();
          if (tag.equals("tr")) cellStarted = false;
        }
        count(tag, 1);
      }
    }

    @Override public void tail(Node node, int depth) {
      if (node instanceof Element) {
        String tag = ((Element) node).normalName();
        count(tag, -1);
        if (BLOCKS.contains(tag)) newline();
      }
    }

    private void count(String tag, int delta) {
      switch (tag) {
        case "pre": inPre += delta; break;
        case "a": inLink += delta; break;
        case "li": case "dd": case "dt": inItem += delta; break;
        case "figcaption": case "caption": inCaption += delta; break;
        case "h1": case "h2": case "h3": case "h4": case "h5": case "h6": inHeading += delta; break;
        default:
      }
    }

    private void text(TextNode t) {
      String s = t.getWholeText();
      if (inPre > 0) {
        if (pendingSpace && out.length() > 0) out.append(' ');
        pendingSpace = false;
        for (int i = 0; i < s.length(); i++) visible();
        out.append(s);
        return;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || c == '\u00A0') {
          pendingSpace = true;
        } else {
          if (pendingSpace && out.length() > 0) {
            out.append(' ');
            visible();
          }
          pendingSpace = false;
          out.append(c);
          visible();
        }
      }
    }

    /** Counts one rendered character and notes the kinds of element the block is in. */
    private void visible() {
      chars++;
      if (inLink > 0) linkChars++;
      heading |= inHeading > 0;
      listItem |= inItem > 0;
      code |= inPre > 0;
      caption |= inCaption > 0;
    }

    void newline() {
      pendingSpace = false;
      if (out.length() > 0) {
        String text = out.toString();
        if (!text.isBlank()) {
          blocks.add(new Block(code ? text : text.stripTrailing(), linkChars, chars, heading, listItem, code,
              caption));
        }
        out.setLength(0);
      }
      linkChars = 0;
      chars = 0;
      heading = listItem = code = caption = false;
    }
  }
}
