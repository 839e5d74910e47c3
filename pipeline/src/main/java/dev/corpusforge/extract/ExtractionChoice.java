package dev.corpusforge.extract;

import dev.corpusforge.extract.BlockText.Block;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses between two extractions of one page, as trafilatura compares its own result with a fallback's by length
 * before keeping one: the scored one ({@link ContentSelector}, Readability's way) and the page's named article body
 * ({@link NamedContentContainer}, trafilatura's way). The rule looks at how much of each one's text the other holds,
 * block by block:
 * <ul>
 *   <li>the named body lies inside the scored content and holds most of it: the scored content is the article plus
 *       what stands next to it in the page (share bars, author boxes, link lists); the named body is kept;
 *   <li>the two share nothing: the scoring was won by text outside the article (a slideshow's captions, a sidebar, a
 *       comment thread); the named body is kept;
 *   <li>otherwise (the scored content lies inside the named body, or the named body holds only a sliver of it, as
 *       when a site splits its story over several same-named boxes) the scored content is kept.
 * </ul>
 * The named body must hold at least {@link #MIN_NAMED_CHARS} characters of text, so that an empty or mislabelled
 * box (a navigation bar whose id starts with "primary") never replaces real content.
 */
final class ExtractionChoice {
  /** jusText's LENGTH_HIGH: the length of one good paragraph, the least an article body must hold. */
  static final int MIN_NAMED_CHARS = 200;
  /** Share of the named body that must lie in the scored content for the two to count as nested. */
  static final double NESTED = 0.9;
  /** Share of the scored content the named body must hold to replace it: more than half, the majority of its text. */
  static final double MAJORITY = 0.5;
  /** Below this share either way the two extractions are disjoint. */
  static final double DISJOINT = 0.1;

  private ExtractionChoice() {}

  /** Whether the named body's blocks are the better extraction than the scored content's. */
  static boolean preferNamed(List<Block> scored, List<Block> named) {
    int namedChars = chars(named);
    if (namedChars < MIN_NAMED_CHARS) return false;
    double namedInScored = sharedShare(named, scored);
    double scoredInNamed = sharedShare(scored, named);
    if (namedInScored < DISJOINT && scoredInNamed < DISJOINT) return true;
    return namedInScored >= NESTED && scoredInNamed >= MAJORITY && scoredInNamed < 1;
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
