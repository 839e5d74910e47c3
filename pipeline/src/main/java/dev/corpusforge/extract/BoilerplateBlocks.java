package dev.corpusforge.extract;

import dev.corpusforge.extract.BlockText.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
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

  /** trafilatura's min_duplcheck_size: shorter blocks (a dateline, "Photo: AP") may well repeat. */
  private static final int MIN_REPEAT_CHARS = 100;
  /** The headline repeated in the text stands above the story, within its first few blocks (dateline, byline). */
  private static final int HEADLINE_BLOCKS = 5;
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern ELLIPSIS_END = Pattern.compile("\\s*(\\.\\.\\.|…)\\s*$");

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
      + "|sponsor(ed)? (showcase|links|content|stories)|advertisement|advertisers)" + TAIL);
  /** Headings that open a comment section: what follows is readers' text, not the article's. */
  private static final Pattern COMMENTS_HEADING = Pattern.compile("^\\{?\\s*((\\d+|no|one) )?(comments?|responses?"
      + "|replies|reactions?|trackbacks?|trackback pings|thoughts on .{0,120})(\\s*[#(:…\\-–—].{0,60})?"
      + "|(leave|post|add|write|submit) (a|your) (comment|reply|response)"
      + "|(reader|user|readers'|visitor) comments|join the (discussion|conversation)|discussion" + TAIL);
  /**
   * Lines of page furniture wherever they stand: copyright, post metadata, prompts to share, subscribe, read on.
   * All patterns here are matched against lower-cased text; these at the line's start ({@code lookingAt}), so that
   * the matcher does not try them at every character.
   */
  private static final Pattern FURNITURE_START = Pattern.compile("(©|\\(c\\) |copyright\\b)"
      + "|(posted|filed|published|tagged|categor(y|ies)|tags)( in| under| on| by| at| with)?\\b\\s*:?"
      + "|by$|(share|tweet|email|print|pin it|like|e-mail|reddit|digg"
      + "|more sharing|sharing|share this( article| story| post)?|hide caption|show caption|close|previous|next"
      + "|back to (top|story)|advertisement|loading)\\s*[:.!…]*$|(read|see|view) (more|full|all)\\b"
      + "|continue reading|click here\\b|sign[ -]?up (for|to)\\b|subscribe (to|for|now)\\b"
      + "|follow (us|me|@)|(you can )?follow any responses|the comments to this entry are closed"
      + "|a version of this article appeared|(this entry|this post|this article) was posted"
      // A login box and a comment form's leftovers, line by line (trafilatura drops forms whole).
      + "|(forgot( your)? (password|username)|remember me|password|user ?name|sign in|log ?in|register|no comments"
      + "( yet)?|leave a (comment|reply)|text size)\\s*[:.!?…]*$|rss feed for comments");
  /** Furniture words anywhere in the line. */
  private static final Pattern FURNITURE_ANYWHERE = Pattern.compile("all rights reserved|\\bpermalink\\b|trackback uri"
      + "|comments? powered by|newsletter");

  /** Notices about the reader's browser, not the page's subject: upgrade it, enable scripts, style sheets, cookies. */
  private static final Pattern BROWSER_NOTICE = Pattern.compile("best viewed (in|with)|(up-to-date|modern|newer|supported)"
      + " (web )?browser|upgrade your browser|(enable|enabled|turn on) (javascript|style sheets|css|cookies)"
      + "|(javascript|cookies) (is|are) (disabled|turned off|required)", Pattern.CASE_INSENSITIVE);
  /** Words of which every {@link #BROWSER_NOTICE} holds one. */
  private static final String[] NOTICE_WORDS = {"viewed", "browser", "javascript", "style sheets", "css", "cookies"};
  /** A browser notice or a teaser is a sentence or three; longer text is the page's own. */
  private static final int NOTICE_MAX_CHARS = 400;

  private BoilerplateBlocks() {}

  /**
   * Another page's teaser: text that ends in a link prompt to read on ("… Read more...", "Continue reading →"), as
   * listings of other stories print under each summary (trafilatura drops teaser elements for the same reason).
   */
  private static final Pattern TEASER_END = Pattern.compile("\\b(read more|continue reading|read the rest|more)"
      + "\\s*(\\.\\.\\.|…|»|›|→|>>?|\\])\\s*$", Pattern.CASE_INSENSITIVE);

  private static boolean teaser(Block b) {
    if (b.chars >= NOTICE_MAX_CHARS || b.code || b.text.isEmpty()) return false;
    char last = b.text.charAt(b.text.length() - 1);
    if (last != '.' && last != '…' && last != '»' && last != '›' && last != '→' && last != '>' && last != ']') {
      return false;
    }
    // Only the block's end can match; searching from a little before it keeps the test linear.
    Matcher m = TEASER_END.matcher(b.text).region(Math.max(0, b.text.length() - 40), b.text.length());
    return m.find() && m.start() > 0;
  }

  /**
   * A picture's caption or credit line: a block ending in a photo credit, "(AP Photo/Jane Roe)", "(Jane Roe/Reuters)",
   * "(Credit: Agency)", "Photo: Jane Roe", "Image: NASA". trafilatura leaves captions out of the main text; the credit
   * is what tells a caption from prose, whose sentences do not end in a name and an agency.
   */
  private static final Pattern CREDIT_END = Pattern.compile("((?i:\\((\\w+ )?(photo|image|credit|picture|photograph"
      + "|illustration)s?( by|:)? [^()]{1,60}\\))"
      // (Jane Roe/Agency), (@handle/Twitter): a name of two words or a handle, a slash, a capitalised source
      + "|\\((@[^()/ ]{1,40}|\\p{Lu}[^()/]{0,50} [^()/]{1,50})/\\p{Lu}[^()]{1,40}\\)"
      + "|(^|[.)] )(?i:(photo|image|credit|picture|photograph|illustration)s?( by|:) [^.()]{1,60}))\\s*$");
  /** Credits are short; the test looks only this far back from a block's end. */
  private static final int CREDIT_MAX_CHARS = 90;

  private static boolean photoCredit(Block b) {
    if (b.chars >= NOTICE_MAX_CHARS || b.code || b.text.isEmpty()) return false;
    String t = b.text;
    int from = Math.max(0, t.length() - CREDIT_MAX_CHARS);
    // Every credit ends in a bracket or has a colon or "by" before the name: most prose needs no pattern match.
    if (t.charAt(t.length() - 1) != ')' && t.indexOf(':', from) < 0 && t.indexOf(" by ", from) < 0) return false;
    return CREDIT_END.matcher(t).region(from, t.length()).useAnchoringBounds(from == 0).find();
  }

  private static boolean browserNotice(Block b) {
    if (b.chars >= NOTICE_MAX_CHARS || b.code) return false;
    // Every notice names one of these words: looking for them is cheaper than trying the pattern at every character.
    String lower = b.text.toLowerCase(Locale.ROOT);
    boolean candidate = false;
    for (String word : NOTICE_WORDS) candidate |= lower.contains(word);
    return candidate && BROWSER_NOTICE.matcher(b.text).find();
  }

  static List<Block> filter(List<Block> blocks) {
    blocks = withoutRepeatedRuns(withoutTeasers(blocks));
    int n = blocks.size();
    int[] cls = new int[n];
    boolean[] furniture = new boolean[n];
    int first = -1;
    int last = -1;
    int before = 0;
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      // Furniture lines are short, so the word lists are only matched against short blocks, lower-cased once.
      String lower = b.chars < FURNITURE_MAX_CHARS && !b.code ? b.text.strip().toLowerCase(Locale.ROOT) : null;
      if (lower != null && COMMENTS_HEADING.matcher(lower).matches() && before >= LENGTH_HIGH) {
        n = i;  // a comment section after some article text: the content ends here
        break;
      }
      furniture[i] = lower != null && (FURNITURE_START.matcher(lower).lookingAt()
          || FURNITURE_ANYWHERE.matcher(lower).find() || SECTION_HEADING.matcher(lower).matches()
          || COMMENTS_HEADING.matcher(lower).matches()) || browserNotice(b) || teaser(b) || photoCredit(b);
      cls[i] = furniture[i] ? BAD : classify(b);
      if (cls[i] == GOOD) {
        if (first < 0) first = i;
        last = i;
      }
      before += b.chars;
    }
    int[] badBefore = new int[n + 1];  // bad blocks before each index, so "is there a bad block between" is O(1)
    for (int i = 0; i < n; i++) badBefore[i + 1] = badBefore[i] + (cls[i] == BAD ? 1 : 0);
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (first < 0) {
        // No long clean block to anchor the context on: drop furniture only.
        keep[i] = !furniture[i];
      } else if (i < first || i > last) {
        // Before or after the article's text: near-good prose stays; the rest only when no bad block separates it.
        keep[i] = cls[i] == NEAR_GOOD || (cls[i] != BAD && (i < first ? badBefore[first] - badBefore[i + 1] : badBefore[i] - badBefore[last + 1]) == 0);
      } else {
        // Inside the article, link-heavy blocks are usually its own lists of links: only furniture goes.
        keep[i] = !furniture[i];
      }
    }
    List<Block> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) if (keep[i]) kept.add(blocks.get(i));
    return kept;
  }

  /**
   * Drops a teaser: a block cut off with an ellipsis whose text opens a longer block of the page, as when a page shows
   * the story's first paragraph as a summary and then the story. Only blocks of {@link #MIN_REPEAT_CHARS} or more
   * count, as in trafilatura's duplicate test. (Verbatim repeats are kept: pages do repeat a paragraph on purpose.)
   */
  private static List<Block> withoutTeasers(List<Block> blocks) {
    boolean anyEllipsis = false;
    for (Block b : blocks) anyEllipsis |= b.text.endsWith("...") || b.text.endsWith("…");
    if (!anyEllipsis) return blocks;
    Map<String, Block> byOpening = new HashMap<>();
    for (Block b : blocks) {
      if (!b.code && b.text.length() >= MIN_REPEAT_CHARS) {
        byOpening.merge(b.text.substring(0, MIN_REPEAT_CHARS), b, (x, y) -> y.text.length() > x.text.length() ? y : x);
      }
    }
    List<Block> kept = new ArrayList<>(blocks.size());
    for (Block b : blocks) {
      if (!b.code && b.text.length() >= MIN_REPEAT_CHARS) {
        String teaser = ELLIPSIS_END.matcher(b.text).replaceFirst("");
        if (teaser.length() < b.text.length() && teaser.length() >= MIN_REPEAT_CHARS) {
          Block full = byOpening.get(b.text.substring(0, MIN_REPEAT_CHARS));
          if (full != null && full != b && full.text.length() > teaser.length() && full.text.startsWith(teaser)) {
            continue;
          }
        }
      }
      kept.add(b);
    }
    return kept;
  }

  /**
   * Drops a second rendition: a run of two or more consecutive blocks of {@link #MIN_REPEAT_CHARS} or more that
   * repeats, verbatim and in order, blocks met earlier (a summary box printed again as the story's opening, a print
   * or mobile copy of the text). A single repeated paragraph is kept, as pages do repeat one on purpose.
   */
  private static List<Block> withoutRepeatedRuns(List<Block> blocks) {
    Map<String, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (!b.code && b.text.length() >= MIN_REPEAT_CHARS) firstAt.putIfAbsent(b.text, i);
    }
    int[] copyOf = new int[blocks.size()];  // where a block's text first appeared, or -1 for a first appearance
    for (int i = 0; i < blocks.size(); i++) {
      Integer earlier = blocks.get(i).code ? null : firstAt.get(blocks.get(i).text);
      copyOf[i] = earlier != null && earlier < i ? earlier : -1;
    }
    List<Block> kept = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      // In a run, consecutive blocks copy consecutive blocks; one paragraph printed several times in a row is no run.
      boolean inRun = copyOf[i] >= 0 && ((i > 0 && copyOf[i - 1] >= 0 && copyOf[i] == copyOf[i - 1] + 1)
          || (i + 1 < blocks.size() && copyOf[i + 1] >= 0 && copyOf[i + 1] == copyOf[i] + 1));
      if (!inRun) kept.add(blocks.get(i));
    }
    return kept;
  }

  /**
   * Drops the page's headline where the text repeats it near its start: the title field holds it, so a copy in the
   * text would hold it twice. Only the first copy within the first {@link #HEADLINE_BLOCKS} blocks goes, compared by
   * words (case and punctuation aside).
   */
  static List<Block> withoutHeadline(List<Block> blocks, String headline) {
    if (headline == null) return blocks;
    String words = words(headline);
    if (words.isEmpty()) return blocks;
    for (int i = 0; i < Math.min(HEADLINE_BLOCKS, blocks.size()); i++) {
      Block b = blocks.get(i);
      if (b.chars <= headline.length() + 10 && words(b.text).equals(words)) {
        List<Block> kept = new ArrayList<>(blocks);
        kept.remove(i);
        return kept;
      }
    }
    return blocks;
  }

  private static String words(String s) {
    return NON_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** Good, near-good, short or (linky) bad, by length and link density. */
  private static int classify(Block b) {
    if (b.code) return GOOD;
    double linkDensity = b.linkDensity();
    if (b.chars < LENGTH_LOW) return linkDensity > MAX_LINK_DENSITY && !b.heading ? BAD : SHORT;
    if (linkDensity > MAX_LINK_DENSITY) return BAD;
    return b.chars >= LENGTH_HIGH ? GOOD : NEAR_GOOD;
  }
}
