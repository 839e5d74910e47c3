package dev.corpusforge.extract;

import dev.corpusforge.extract.BlockText.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Drops the boilerplate blocks left in the chosen content, one rendered block at a time, after jusText's paragraph
 * classification: a block is bad when it reads like page furniture (a copyright line, a "posted in … | permalink"
 * line, a share/subscribe/read-more prompt, a "related stories" or "most popular" heading) or when most of it is link
 * text; good when it is long and not linky; near-good or short otherwise. The article runs from the first to the last
 * good block. Inside it only furniture goes (its link-heavy blocks are mostly its own lists of links). Before and
 * after it, near-good prose stays and short or linky blocks stay only while no bad block separates them from the
 * article, which is how bylines next to the text survive and the link lists, author boxes and sign-up prompts at the
 * edges do not. A comment-section heading after some article text ends the content.
 *
 * <p>The lengths are jusText's published defaults (LENGTH_LOW 70, LENGTH_HIGH 200 characters); the link density is
 * Readability's 0.5 for content-named containers, as jusText's 0.2 dropped the link-rich paragraphs of roundup posts;
 * the word lists follow trafilatura's and Readability's boilerplate vocabulary and are English-first, like theirs.
 * Without any good block nothing anchors the context, and only furniture goes.
 */
final class BoilerplateBlocks {
  private static final int LENGTH_LOW = 70;
  private static final int LENGTH_HIGH = 200;
  private static final double MAX_LINK_DENSITY = 0.5;
  /** Furniture lines are short; a long paragraph that happens to start with "Posted" is prose. */
  private static final int FURNITURE_MAX_CHARS = 160;

  private static final int BAD = 0;
  private static final int GOOD = 1;
  private static final int SHORT = 2;
  private static final int NEAR_GOOD = 3;

  private static final String TAIL = "\\s*[:.!…]*\\s*(\\(\\d+\\))?$";
  /** Headings of sections that are not the article: related and popular lists, author boxes, sharing, tags. */
  private static final Pattern SECTION_HEADING = Pattern.compile("^(related|related (stories|posts|articles|content"
      + "|items|links|coverage|videos|topics)|more (from|on|in|about|stories|news|articles|videos)\\b.{0,40}"
      + "|(you|we) (may|might|also|would) (also )?(like|enjoy|recommend|be interested in)(\\b.{0,20})?"
      + "|recommended( for you| stories| reading| articles)?|(most )?(popular|read|shared|viewed|emailed|commented)"
      + "( stories| posts| articles| now| today| this week)?|most [a-z]+( [a-z]+)?|don'?t miss|featured( posts"
      + "| stories| content| articles| videos| post)?|top stories|latest( news| posts| articles| stories| videos)"
      + "|recent( posts| articles| entries| stories)|further reading|see also|trending( now)?|around the web"
      + "|from (around )?the web|in other news|more stories|explore related topics|categories|archives"
      + "|tags|tagged( with)?|share( this)?( article| story| post| page)?|sharing is caring|follow us.{0,20}"
      + "|connect with .{0,30}|newsletters?|about the authors?|about (me|us)|(the )?author|story highlights"
      + "|sponsor(ed)? (showcase|links|content|stories)|advertisement|advertisers)" + TAIL,
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** Headings that open a comment section: what follows is readers' text, not the article's. */
  private static final Pattern COMMENTS_HEADING = Pattern.compile("^\\{?\\s*((\\d+|no|one) )?(comments?|responses?"
      + "|replies|reactions?|trackbacks?|trackback pings|thoughts on .{0,120})(\\s*[#(:…\\-–—].{0,60})?"
      + "|(leave|post|add|write|submit) (a|your) (comment|reply|response)"
      + "|(reader|user|readers'|visitor) comments|join the (discussion|conversation)|discussion" + TAIL,
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /** Lines of page furniture wherever they stand: copyright, post metadata, prompts to share, subscribe, read on. */
  private static final Pattern FURNITURE_LINE = Pattern.compile("^(©|\\(c\\) |copyright\\b)|all rights reserved"
      + "|^(posted|filed|published|tagged|categor(y|ies)|tags)( in| under| on| by| at| with)?\\b\\s*:?"
      + "|\\bpermalink\\b|^by$|comments? powered by|^(share|tweet|email|print|pin it|like|e-mail|reddit|digg"
      + "|more sharing|sharing|share this( article| story| post)?|hide caption|show caption|close|previous|next"
      + "|back to (top|story)|advertisement|loading)\\s*[:.!…]*$|^(read|see|view) (more|full|all)\\b"
      + "|^continue reading|^click here\\b|^sign[ -]?up (for|to)\\b|^subscribe (to|for|now)\\b|newsletter"
      + "|^follow (us|me|@)|^(you can )?follow any responses|^the comments to this entry are closed"
      + "|^a version of this article appeared|^(this entry|this post|this article) was posted",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private BoilerplateBlocks() {}

  static List<Block> filter(List<Block> blocks) {
    int n = cutAtComments(blocks);
    int[] cls = new int[n];
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      cls[i] = classify(blocks.get(i));
      if (cls[i] == GOOD) {
        if (first < 0) first = i;
        last = i;
      }
    }
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (first < 0) {
        // No long clean block to anchor the context on: drop furniture only.
        keep[i] = !furniture(blocks.get(i));
      } else if (i < first || i > last) {
        // Before or after the article's text: near-good prose stays; the rest only when no bad block separates it.
        keep[i] = cls[i] == NEAR_GOOD || (cls[i] != BAD && !badBetween(cls, i, i < first ? first : last));
      } else {
        // Inside the article, link-heavy blocks are usually its own lists of links: only furniture goes.
        keep[i] = !furniture(blocks.get(i));
      }
    }
    List<Block> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) if (keep[i]) kept.add(blocks.get(i));
    return kept;
  }

  /** Whether a block before or after the article text lies beyond a bad block, seen from the article. */
  private static boolean badBetween(int[] cls, int from, int to) {
    for (int j = Math.min(from, to) + 1; j < Math.max(from, to); j++) if (cls[j] == BAD) return true;
    return false;
  }

  /** The number of blocks before a comment-section heading that follows some article text, or all of them. */
  private static int cutAtComments(List<Block> blocks) {
    int before = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (before >= LENGTH_HIGH && b.chars < FURNITURE_MAX_CHARS && COMMENTS_HEADING.matcher(b.text.strip()).matches()) {
        return i;
      }
      before += b.chars;
    }
    return blocks.size();
  }

  /** A short line of page furniture, a heading of a non-article section, or a comment-section heading. */
  private static boolean furniture(Block b) {
    String text = b.text.strip();
    return b.chars < FURNITURE_MAX_CHARS
        && (FURNITURE_LINE.matcher(text).find() || SECTION_HEADING.matcher(text).matches()
            || COMMENTS_HEADING.matcher(text).matches());
  }

  private static int classify(Block b) {
    if (b.code) return GOOD;
    if (furniture(b)) return BAD;
    double linkDensity = b.linkDensity();
    if (b.chars < LENGTH_LOW) return linkDensity > MAX_LINK_DENSITY && !b.heading ? BAD : SHORT;
    if (linkDensity > MAX_LINK_DENSITY) return BAD;
    return b.chars >= LENGTH_HIGH ? GOOD : NEAR_GOOD;
  }
}
