package dev.corpusforge.extract;

import dev.corpusforge.extract.BlockText.Block;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses between two extractions of one page, as trafilatura compares its own result with a fallback's before
 * keeping one: the scored one ({@link ContentSelector}, Readability's way) and the page's named article body
 * ({@link NamedContentContainer}, trafilatura's way). The rule looks at how much of each one's text the other holds,
 * block by block:
 * <ul>
 *   <li>the named body lies inside the scored content: the scored content is the article plus what stands next to it
 *       in the page (share bars, author boxes, link lists, the neighbouring posts' titles); the named body is kept
 *       when it holds at least one short paragraph ({@link #MIN_NESTED_CHARS}) and a fifth of the scored content;
 *   <li>the two share nothing: the scoring was won by text outside the article (a slideshow's captions, a sidebar, a
 *       comment thread); the named body is kept when it holds at least one good paragraph
 *       ({@link #MIN_DISJOINT_CHARS}), so that an empty or mislabelled box (a navigation bar whose id starts with
 *       "primary") never replaces real content;
 *   <li>otherwise (the scored content lies inside the named body, or they only partly overlap) the scored content is
 *       kept: the named body then holds more than the article, such as its comment thread.
 * </ul>
 */
final class ExtractionChoice {
  /** jusText's LENGTH_LOW: a named body nested in the scored content must hold one short paragraph. */
  static final int MIN_NESTED_CHARS = 70;
  /** jusText's LENGTH_HIGH: a named body apart from the scored content must hold one good paragraph. */
  static final int MIN_DISJOINT_CHARS = 200;
  /** Share of the named body that must lie in the scored content for the two to count as nested. */
  static final double NESTED = 0.9;
  /**
   * Least share of the scored content a nested named body must hold: a named box holding less is a part of the story
   * (a list of what you will need, a summary), not the story.
   */
  static final double MIN_NESTED_SHARE = 0.2;
  /** Below this share either way the two extractions are disjoint. */
  static final double DISJOINT = 0.1;

  private ExtractionChoice() {}

  /** Whether the named body's blocks are the better extraction than the scored content's. */
  static boolean preferNamed(List<Block> scored, List<Block> named) {
    int namedChars = chars(named);
    if (namedChars < MIN_NESTED_CHARS) return false;
    double namedInScored = sharedShare(named, scored);
    double scoredInNamed = sharedShare(scored, named);
    if (namedInScored < DISJOINT && scoredInNamed < DISJOINT) return namedChars >= MIN_DISJOINT_CHARS;
    return namedInScored >= NESTED && scoredInNamed >= MIN_NESTED_SHARE && scoredInNamed < 1;
  }

  private static int chars(List<Block> blocks) {
    int n = 0;
    for (Block b : blocks) n += b.chars;
    return n;
  }

  /** Share of {@code a}'s characters in blocks whose text also appears as a block of {@code b}. */
  private static double sharedShare(List<Block> a, List<Block> b) {
    int total = chars(a);
    if (total == 0) return 0;
    Set<String> inB = new HashSet<>();
    for (Block x : b) inB.add(x.text);
    int shared = 0;
    for (Block x : a) if (inB.contains(x.text)) shared += x.chars;
    return (double) shared / total;
  }
}
