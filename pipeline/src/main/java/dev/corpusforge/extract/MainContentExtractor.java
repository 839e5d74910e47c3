package dev.corpusforge.extract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Main-content extraction for web pages: parses the HTML with jsoup, drops what is never content
 * ({@link HtmlPreparer}), finds the main content by text and link density ({@link ContentSelector}), cleans it of
 * widgets and link lists ({@link ArticleCleaner}), renders it one block per line ({@link BlockText}) and drops the
 * boilerplate blocks left in it ({@link BoilerplateBlocks}).
 *
 * <p>When an attempt yields fewer than {@link #MIN_CHARS} characters, it is retried with furniture removal, class
 * weights and conditional cleaning switched off in turn, and the longest result is kept, unless it lies mostly in
 * comment-named elements or the names of its container and that container's ancestors weigh less like content than
 * those of the text kept so far ({@link ContentSelector#pathWeight}) after an earlier attempt found some text; the
 * last attempt is the first one without conditional cleaning (for a page that is a list of links). Markup nested
 * deeper than {@link #MAX_DEPTH} is flattened first and wide elements are grouped ({@link TreeLimits}), and all tree walks are
 * iterative, so no input can overflow the stack or make extraction quadratic.
 * Stateless: one instance serves any number of pages and threads.
 */
public final class MainContentExtractor implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Below this many characters an attempt is deemed to have missed the content (Readability's threshold). */
  static final int MIN_CHARS = 500;
  /** Deepest nesting kept as markup; real pages stay far below it. */
  static final int MAX_DEPTH = 200;
  /** Most children kept under one element before they are grouped; real pages rarely come near it. */
  static final int MAX_CHILDREN = 256;
  /**
   * A retry whose text lies mostly (over this share) in comment-named elements is not taken once an earlier attempt
   * found some text: trafilatura drops comment sections from the main text, and so do we.
   */
  static final double MAX_RETRY_COMMENT_SHARE = 0.5;

  /** What extraction found: the page title (null when the page has none) and the main text (possibly empty). */
  public static final class Extracted {
    public final String title;
    public final String text;

    Extracted(String title, String text) {
      this.title = title;
      this.text = text;
    }
  }

  public Extracted extract(String html, String baseUri) {
    Document page = parse(html, baseUri);
    String title = PageTitle.of(page);
    String headingTitle = PageTitle.article(title);
    String headline = PageTitle.headline(page, title);
    List<Element> named = NamedContentContainer.find(page.body());
    Scored scored = scored(page, headingTitle, named);
    List<BlockText.Block> blocks = scored.blocks;
    // Content found inside the named body is the named body's own text, less what cleaning took: the named
    // extraction would hold all of it and ExtractionChoice would keep it, so it is only made when it can win.
    if (!named.isEmpty() && !scored.withinNamed) {
      List<BlockText.Block> namedBlocks = named(named, headingTitle);
      if (ExtractionChoice.preferNamed(blocks, namedBlocks)) blocks = namedBlocks;
    }
    return new Extracted(headline, BlockText.join(BoilerplateBlocks.withoutHeadline(blocks, headline)));
  }

  /** The scored content's blocks, and whether the first attempt found them inside the page's named body. */
  static final class Scored {
    final List<BlockText.Block> blocks;
    final boolean withinNamed;

    Scored(List<BlockText.Block> blocks, boolean withinNamed) {
      this.blocks = blocks;
      this.withinNamed = withinNamed;
    }
  }

  /**
   * The content found by scoring, with its boilerplate blocks dropped. Each attempt edits the tree it works on, so all
   * work on copies (cheap next to parsing again), except the last when the named body is not needed afterwards.
   */
  static Scored scored(Document page, String headingTitle, List<Element> named) {
    // The last attempt is the first one without conditional cleaning: a page whose content is itself a list of links
    // (a link roundup) loses all of it to conditional cleaning, and without class weights a banner or a sidebar box
    // wins instead; the longest result is kept as for the others.
    boolean[][] passes = {{true, true, true}, {false, true, true}, {false, false, true}, {false, false, false},
        {true, true, false}};
    // Where the named parts are, so that they can be found in the first attempt's copy of the page.
    List<int[]> namedPaths = new ArrayList<>(named.size());
    for (Element part : named) namedPaths.add(Dom.path(part));
    String best = "";
    int bestWeight = 0;
    String byline = null;
    List<BlockText.Block> bestBlocks = List.of();
    for (int i = 0; i < passes.length; i++) {
      Document doc = i < passes.length - 1 || !named.isEmpty() ? page.clone() : page;
      ExtractionPass pass = new ExtractionPass(passes[i][0], passes[i][1], passes[i][2], headingTitle, byline);
      List<Element> namedInDoc = new ArrayList<>(namedPaths.size());
      if (i == 0) for (int[] path : namedPaths) namedInDoc.add((Element) Dom.at(doc, path));
      ContentSelector selector = new ContentSelector(pass);
      Element article = selector.select(doc);
      boolean withinNamed = i == 0 && !namedInDoc.isEmpty() && selector.selectedExactly(namedInDoc);
      new ArticleCleaner(pass).clean(article);
      List<BlockText.Block> blocks = BlockText.blocks(article);
      String text = BlockText.join(blocks);
      byline = pass.byline;
      // A retry that only finds more text because it no longer drops the comment thread has found the wrong text.
      if (i > 0 && !best.isEmpty() && commentShare(article) > MAX_RETRY_COMMENT_SHARE) continue;
      // Nor one whose content the page names less like content than the text found so far: the retries drop the
      // furniture names and class weights that kept a sidebar or a profile box out, so their longer text is that.
      if (i > 0 && !best.isEmpty() && selector.pathWeight() < bestWeight) continue;
      if (text.length() >= MIN_CHARS) return new Scored(BoilerplateBlocks.filter(blocks), withinNamed);
      if (text.length() > best.length()) {
        best = text;
        bestWeight = selector.pathWeight();
        bestBlocks = blocks;
      }
    }
    return new Scored(BoilerplateBlocks.filter(bestBlocks), false);
  }

  /** The page's named article body as a whole (which this edits), cleaned like scored content. */
  static List<BlockText.Block> named(List<Element> parts, String headingTitle) {
    ExtractionPass pass = new ExtractionPass(true, true, true, headingTitle, null);
    Element article = new ContentSelector(pass).whole(parts);
    new ArticleCleaner(pass).clean(article);
    return BoilerplateBlocks.filter(BlockText.blocks(article));
  }

  /** Share of the container's text inside elements whose class or id names a comment thread. */
  private static double commentShare(Element article) {
    int total = article.text().length();
    if (total == 0) return 0;
    int inComments = 0;
    Element end = Dom.next(article, true);
    Element e = article;
    while (e != end) {
      if (ElementHints.commentThread(e)) {
        inComments += e.text().length();
        e = Dom.next(e, true);
      } else {
        e = Dom.next(e, false);
      }
    }
    return (double) inComments / total;
  }

  private static Document parse(String html, String baseUri) {
    Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
    TreeLimits.flattenDeeperThan(doc, MAX_DEPTH);
    TreeLimits.groupWiderThan(doc, MAX_CHILDREN);
    HtmlPreparer.prepare(doc);
    return doc;
  }
}
