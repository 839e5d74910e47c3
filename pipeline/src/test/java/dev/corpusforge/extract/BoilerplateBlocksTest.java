package dev.corpusforge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each kind of boilerplate the block filter removes, on pages written for the test, and what it must keep. */
class BoilerplateBlocksTest {
  private final MainContentExtractor extractor = new MainContentExtractor();

  private static String prose(int n) {
    return prose(0, n);
  }

  /** Paragraphs numbered from {@code first}: distinct numbers, as the same paragraphs twice read as a page's copy. */
  private static String prose(int first, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = first; i < first + n; i++) {
      sb.append("<p>Paragraph ").append(i).append(" of the story tells, at some length and with commas, how the")
          .append(" harbour was rebuilt after the storm, who paid for it, which builders came from the city to do it,")
          .append(" how long the work took, and what the fishermen think now.</p>");
    }
    return sb.toString();
  }

  private String text(String article) {
    return extractor.extract("<html><head><title>Harbour</title></head><body><div class=story>" + article
        + "</div></body></html>", null).text;
  }

  @Test
  void relatedStoriesListAfterTheArticleIsDropped() {
    String t = text(prose(4) + "<h3>Related stories</h3><ul><li><a href=/a>Storm closes the bridge</a></li>"
        + "<li><a href=/b>Fishermen count the losses</a></li></ul>");
    assertTrue(t.contains("Paragraph 3 of the story"), t);
    assertFalse(t.contains("Related stories") || t.contains("Storm closes") || t.contains("count the losses"), t);
  }

  @Test
  void copyrightAndPostMetadataLinesAreDropped() {
    String t = text(prose(3) + "<p>Posted by Ann in Local News | Permalink</p><p>Tags: harbour, storm</p>"
        + "<p>© 2012 Harbour Times. All rights reserved.</p>");
    assertTrue(t.endsWith("what the fishermen think now."), t);
    assertFalse(t.contains("Permalink") || t.contains("Tags:") || t.contains("All rights reserved"), t);
  }

  @Test
  void loginBoxAndCommentFormLeftoversAreDropped() {
    String t = text(prose(3) + "<p>No comments yet.</p><p>RSS feed for comments on this post. TrackBack URI</p>"
        + "<p>Leave a Reply</p><p>Username:</p><p>Password:</p><p>Remember Me</p><p>SIGN IN</p>"
        + "<p>Forgot Password?</p>");
    assertTrue(t.endsWith("what the fishermen think now."), t);
    for (String junk : new String[] {"No comments", "RSS feed", "Leave a", "Username", "Password", "Remember", "SIGN"}) {
      assertFalse(t.contains(junk), () -> "kept '" + junk + "': " + t);
    }
  }

  @Test
  void shareSubscribeAndReadMorePromptsAreDropped() {
    String t = text("<p>Share this:</p>" + prose(2) + "<p>Continue reading the main story</p>" + prose(2, 2)
        + "<p>Sign up for our newsletter to get the week's stories in your inbox!</p><p>Read more...</p>");
    assertTrue(t.contains("Paragraph 3 of the story") && t.contains("Paragraph 0 of"), t);
    assertFalse(t.contains("Share this") || t.contains("Continue reading") || t.contains("newsletter")
        || t.contains("Read more"), t);
  }

  @Test
  void photoCaptionsEndingInACreditAreDropped() {
    String t = text("<p>The harbour wall after the storm, seen from the old pier on Monday."
        + " (Ann Smith/Harbour Times)</p>" + prose(2) + "<p>Photo: Harbour Council</p>" + prose(2, 2)
        + "<p>Fishermen mend their nets on the quay. (AP Photo/Bob Jones)</p><p>(Credit: Harbour Museum)</p>");
    assertTrue(t.startsWith("Paragraph 0 of the story") && t.contains("Paragraph 3 of the story"), t);
    for (String junk : new String[] {"harbour wall", "Photo:", "mend their nets", "Credit"}) {
      assertFalse(t.contains(junk), () -> "kept '" + junk + "': " + t);
    }
  }

  @Test
  void proseWithAPathOrAnAsideInBracketsIsNotACredit() {
    String t = text(prose(2) + "<p>The council will decide on the new wall next month (it meets on/after the 5th).</p>"
        + "<p>They took photos: a few of them show the harbour before the storm (and during it).</p>" + prose(2, 2));
    assertTrue(t.contains("on/after the 5th") && t.contains("They took photos"), t);
  }

  @Test
  void commentSectionAfterTheArticleIsCut() {
    String t = text(prose(3) + "<h3>12 Comments</h3><p>Bob July 2, 2012 at 3:04 pm</p>"
        + "<p>Great story, I grew up near that harbour and remember the old pier very well, thank you.</p>");
    assertTrue(t.contains("Paragraph 2 of the story"), t);
    assertFalse(t.contains("Comments") || t.contains("Great story"), t);
  }

  @Test
  void authorBoxAndLinkListsAtTheEdgesGoWhileAShortBylineNextToTheTextStays() {
    String t = text("<p><a href=/>Home</a> <a href=/news>News</a></p><p>By Ann Smith, July 5, 2012</p>"
        + prose(3) + "<h4>About the author</h4><p>Ann writes about boats.</p>");
    assertTrue(t.startsWith("By Ann Smith, July 5, 2012\nParagraph 0"), t);
    assertFalse(t.contains("Home") || t.contains("About the author") || t.contains("writes about boats"), t);
  }

  @Test
  void linkListsInsideTheArticleAndTableHeadersAreKept() {
    String t = text(prose(2) + "<p>The five reports we read:</p><ul><li><a href=/r1>Report on the pier</a></li>"
        + "<li><a href=/r2>Report on the boats</a></li></ul>" + "<table><tr><th>Response</th><th>Votes</th></tr>"
        + "<tr><td>Rebuild</td><td>30</td></tr></table>" + prose(2, 2));
    assertTrue(t.contains("Report on the pier\nReport on the boats"), t);
    assertTrue(t.contains("Response | Votes") && t.contains("Rebuild | 30"), t);
  }

  @Test
  void aRetryThatOnlyFindsTheCommentThreadKeepsTheShortPost() {
    String comments = "<div id=comments class=comment-list>"
        + "<div class=comment><p>Lovely post, and it reminded me, at length, of the summers we spent by the sea"
        + " as children, with our parents, in the old wooden house.</p></div>".repeat(8) + "</div>";
    String html = "<html><body><div class=post><p>Two photos from the harbour today.</p></div>" + comments
        + "</body></html>";
    String t = extractor.extract(html, null).text;
    assertTrue(t.contains("Two photos from the harbour today."), t);
    assertFalse(t.contains("Lovely post"), t);
  }

  @Test
  void browserUpgradeNoticesAreDropped() {
    String t = text("<p>This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled.</p>"
        + prose(3));
    assertTrue(t.startsWith("Paragraph 0 of the story"), t);
  }

  @Test
  void aSecondRenditionOfSeveralParagraphsIsDroppedButOneRepeatedParagraphStays() {
    String t = text(prose(3) + "<p>By Ann Smith</p>" + prose(3) + "<p>Keep calm and rebuild the harbour.</p>".repeat(2));
    assertEquals(1, t.split("Paragraph 2 of the story", -1).length - 1, t);
    assertEquals(2, t.split("Keep calm", -1).length - 1, t);
  }

  @Test
  void theHeadlineRepeatedAboveTheStoryIsDropped() {
    String html = "<html><head><title>Harbour rebuilt after the storm | Harbour Times</title></head><body>"
        + "<div class=story><h3>Harbour rebuilt after the storm</h3><p>July 5, 2012</p>" + prose(3)
        + "</div></body></html>";
    MainContentExtractor.Extracted out = extractor.extract(html, null);
    assertEquals("Harbour rebuilt after the storm", out.title);
    assertTrue(out.text.startsWith("July 5, 2012\nParagraph 0"), out.text);
  }

  @Test
  void authorBoxesInsideTheContentAreDropped() {
    String t = text(prose(3) + "<div class=author-bio><p>Ann Smith has written about the coast for twenty years,"
        + " and lives, with her two dogs, in a house above the harbour she writes about.</p></div>" + prose(3, 1));
    assertTrue(t.contains("Paragraph 2 of the story") && t.contains("Paragraph 3 of the story"), t);
    assertFalse(t.contains("two dogs"), t);
  }

  @Test
  void teasersOfOtherStoriesEndingInAReadMorePromptAreDropped() {
    String t = text(prose(3) + "<h4>Fishermen count the losses</h4><p>The storm sank nine boats and two sheds, and the"
        + " insurers are slow to pay. <a href=/f>Read more...</a></p><p>2012-11-09</p>"
        + "<h4>Bridge closed for a week</h4><p>Engineers found cracks in the old stone arches after the flood. "
        + "<a href=/b>Read more »</a></p>");
    assertTrue(t.contains("Paragraph 2 of the story"), t);
    assertFalse(t.contains("sank nine boats") || t.contains("Engineers found cracks"), t);
  }
}
