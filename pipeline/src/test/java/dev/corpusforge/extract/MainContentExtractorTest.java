package dev.corpusforge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainContentExtractorTest {
  private final MainContentExtractor extractor = new MainContentExtractor();

  private static String paragraphs(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("<p>Paragraph ").append(i).append(" explains, at some length and with commas, why the river floods")
          .append(" every spring, how the town prepares, and what the old records say about it.</p>");
    }
    return sb.toString();
  }

  @Test
  void keepsArticleBlocksOnePerLineAndDropsPageFurniture() {
    String html = "<html><head><title>River notes</title></head><body>"
        + "<nav><a href=/>Home</a> <a href=/x>News</a></nav>"
        + "<div class=sidebar><ul><li><a href=/1>Popular one</a></li><li><a href=/2>Popular two</a></li></ul></div>"
        + "<div id=content><h2>Spring floods</h2>" + paragraphs(4)
        + "<ul><li>Sandbags at the bridge</li><li>Sirens tested monthly</li></ul>"
        + "<pre>level = read()\nif level &gt; 3:\n    warn()</pre></div>"
        + "<div class=social-share><a href=/s>Tweet</a></div>"
        + "<footer>Copyright River Town</footer></body></html>";
    MainContentExtractor.Extracted out = extractor.extract(html, "http://river.example/");
    assertEquals("River notes", out.title);
    String[] lines = out.text.split("\n");
    assertEquals("Spring floods", lines[0]);
    assertTrue(lines[1].startsWith("Paragraph 0 explains"), out.text);
    assertTrue(out.text.contains("\nSandbags at the bridge\nSirens tested monthly\n"), out.text);
    assertTrue(out.text.endsWith("level = read()\nif level > 3:\n    warn()"), out.text);
    for (String junk : new String[] {"Home", "Popular", "Tweet", "Copyright"}) {
      assertFalse(out.text.contains(junk), () -> "kept '" + junk + "': " + out.text);
    }
  }

  @Test
  void hiddenElementsAndCommentThreadsAreDropped() {
    String html = "<html><body><article>" + paragraphs(5)
        + "<p style=\"display: none\">Invisible coupon code</p><div hidden>Hidden survey</div></article>"
        + "<div id=comments class=comment-list><p>" + "I disagree with this completely, and here is why, at length. "
        .repeat(5) + "</p></div></body></html>";
    String text = extractor.extract(html, null).text;
    assertTrue(text.contains("Paragraph 4 explains"), text);
    assertFalse(text.contains("coupon") || text.contains("survey") || text.contains("disagree"), text);
  }

  @Test
  void shortPagesFallBackToTheirWholeText() {
    assertEquals("Test", extractor.extract("<html><body>Test</body></html>", null).text);
    assertEquals("", extractor.extract("<html><body><script>x()</script></body></html>", null).text);
  }

  @Test
  void markupNested100000LevelsDeepDoesNotOverflowTheStack() {
    for (String tag : new String[] {"div", "span", "section", "blockquote"}) {
      StringBuilder sb = new StringBuilder("<html><body>");
      sb.append(("<" + tag + ">").repeat(100_000));
      sb.append("The deepest sentence survives, even at the bottom of the well.");
      sb.append(("</" + tag + ">").repeat(100_000));
      sb.append(paragraphs(2)).append("</body></html>");
      String text = extractor.extract(sb.toString(), null).text;
      assertTrue(text.contains("The deepest sentence survives"), tag + ": " + text);
      assertTrue(text.contains("Paragraph 1 explains"), tag + ": " + text);
    }
  }

  @Test
  void pagesWithTensOfThousandsOfSiblingsKeepTheirText() {
    String html = "<html><body><div>" + "<div class=ad-banner>Buy now</div><span hidden>tracking pixel</span>"
        .repeat(20_000) + "</div><div class=post>" + paragraphs(4) + "<ul>"
        + "<li>Item of a long list that belongs to the article, with words.</li>".repeat(3_000) + "</ul></div>"
        + "</body></html>";
    String text = extractor.extract(html, null).text;
    assertTrue(text.startsWith("Paragraph 0 explains"), text.substring(0, Math.min(200, text.length())));
    assertEquals(4 + 3_000, text.split("\n").length);
    assertFalse(text.contains("Buy now") || text.contains("tracking"));
  }

  @Test
  void largePagesAreExtractedWhole() {
    String html = "<html><body><div class=post>" + paragraphs(20_000) + "</div></body></html>";
    String text = extractor.extract(html, null).text;
    assertEquals(20_000, text.split("\n").length);
    assertTrue(text.endsWith("what the old records say about it."));
  }

  @Test
  void anAsideHoldingThePagesHeadlineIsTheStoryAndIsKept() {
    String html = "<html><head><title>River notes</title></head><body><aside class=sidebar><p>Popular posts</p>"
        + "</aside><aside class=blogPost><h1>River notes</h1>" + paragraphs(3) + "</aside></body></html>";
    String text = extractor.extract(html, null).text;
    assertTrue(text.contains("Paragraph 2 explains"), text);
    assertFalse(text.contains("Popular posts"), text);
  }

  @Test
  void aCommentSectionInsideThePostContainerIsDropped() {
    String html = "<html><body><div class=post>" + paragraphs(4) + "<ol class=commentlist><li><p>"
        + "What a lovely read, and it reminds me, at length and with commas, of the spring we had the flood too.</p>"
        + "</li></ol></div></body></html>";
    String text = extractor.extract(html, null).text;
    assertTrue(text.contains("Paragraph 3 explains"), text);
    assertFalse(text.contains("lovely read"), text);
  }

  @Test
  void aLinkRoundupPostKeepsItsListOfLinks() {
    // A roundup post: its body is lists of labelled links in containers named as content, so that conditional
    // cleaning takes them for link lists and removes them whole, and without class weights the banner wins.
    StringBuilder links = new StringBuilder("<div class=entry-content><div class=entry-body><ul>");
    for (int i = 0; i < 6; i++) {
      links.append("<li><strong>Story ").append(i).append(":</strong> <a href=/story").append(i)
          .append(">a label launches its own streaming service for new releases</a></li>");
    }
    links.append("</ul><p><strong>MORE:</strong></p></div><div class=entry-more><ul>");
    for (int i = 6; i < 9; i++) {
      links.append("<li><strong>Story ").append(i).append(":</strong> <a href=/story").append(i)
          .append(">a festival panel on what it costs to tour</a></li>");
    }
    links.append("</ul></div></div>");
    String html = "<html><head><title>The week in review - River Times</title></head><body>"
        + "<div id=banner><p><h1><a href=/>River Times</a></h1><h2>music and the music business</h2></p></div>"
        + "<div id=alpha><div class=entry><h3>The week in review</h3>" + links + "</div></div>"
        + "<div id=beta class=sidebar><h2>Popular</h2><ul><li><a href=/1>Popular one</a></li><li><a href=/2>Popular two</a></li>"
        + "</ul></div><div id=footer>Copyright River Times</div></body></html>";
    String text = extractor.extract(html, "http://roundup.example/").text;
    assertTrue(text.startsWith("Story 0: a label launches"), text);
    assertTrue(text.endsWith("Story 8: a festival panel on what it costs to tour"), text);
    for (String junk : new String[] {"music business", "Popular", "Copyright"}) {
      assertFalse(text.contains(junk), () -> "kept '" + junk + "': " + text);
    }
  }

  @Test
  void aShortPostIsNotReplacedByTheLongerSidebarBeside() {
    // A one-paragraph post and a sidebar with a longer "about me" box: the first attempt drops the sidebar by its
    // name, and the retries (the post is short) no longer weigh names, so the sidebar is the most text they find.
    String html = "<html><head><title>A pencil drawing - Maker Blog</title></head><body>"
        + "<div id=main><div class=post><h3 class=post-title>A pencil drawing</h3><div class=post-body>"
        + "<p>No matter how long I look at this, I cannot believe it is a pencil drawing. Photos by the artist.</p>"
        + "</div></div></div>"
        + "<div id=sidebar-wrapper><div class=sidebar><h2>Who is behind this blog?</h2>"
        + "<p>Sam is a blogger, maker, writer and banjo player living by the river with three dogs, two cats and a"
        + " garden that makes the neighbours want to call someone.</p><h2>About this blog</h2>"
        + "<p>This blog is for makers of all kinds, blurring the lines between art, craft and engineering; all are"
        + " welcome here, whatever they make.</p><h2>Contact</h2><p>Drop us a line, we read everything.</p>"
        + "</div></div></body></html>";
    String text = extractor.extract(html, "http://maker.example/").text;
    assertEquals("No matter how long I look at this, I cannot believe it is a pencil drawing. Photos by the artist.",
        text);
  }
}
