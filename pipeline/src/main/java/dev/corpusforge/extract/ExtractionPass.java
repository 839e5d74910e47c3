package dev.corpusforge.extract;

/**
 * The switches of one extraction attempt. The first attempt uses them all; when it finds too little text, the next
 * attempts drop them one at a time (furniture removal, class weights, conditional cleaning), as a page whose
 * content sits in a "comments" div or a linky table would otherwise come out empty.
 */
final class ExtractionPass {
  final boolean stripUnlikely;
  final boolean weightClasses;
  final boolean cleanConditionally;
  /** The page title as headings repeat it; the first h1/h2 that matches it is dropped (the title has its own field). */
  final String headingTitle;
  /** The byline found so far; found once per page, it is removed from the first attempt's content only. */
  String byline;

  ExtractionPass(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally, String headingTitle,
                 String byline) {
    this.stripUnlikely = stripUnlikely;
    this.weightClasses = weightClasses;
    this.cleanConditionally = cleanConditionally;
    this.headingTitle = headingTitle;
    this.byline = byline;
  }
}
