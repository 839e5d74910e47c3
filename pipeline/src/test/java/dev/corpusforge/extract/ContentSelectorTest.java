package dev.corpusforge.extract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Where the scored content was taken from, which decides whether the named article body must be extracted as well
 * ({@link MainContentExtractor}): only content that is exactly the named body makes that second extraction needless.
 */
class ContentSelectorTest {
  private static String paragraphs(String what, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("<p>").append(what).append(' ').append(i).append(" tells, with detail and a few commas, how the")
          .append(" valley school reopened after the flood, who taught there, and what the children made of it.</p>");
    }
    return sb.toString();
  }

  private static boolean selectedIsNamedBody(String body) {
    Document page = Jsoup.parse("<html><body>" + body + "</body></html>");
    List<org.jsoup.nodes.Element> named = NamedContentContainer.find(page.body());
    ContentSelector selector = new ContentSelector(new ExtractionPass(true, true, true, null, null));
    selector.select(page);
    return selector.selectedExactly(named);
  }

  @Test
  void storyThatIsTheNamedBodyIsSelectedExactly() {
    assertTrue(selectedIsNamedBody("<div class=nav><a href=/>Home</a></div><div class=entry-content>"
        + paragraphs("Story paragraph", 4) + "</div><div class=footer-links><a href=/a>About</a></div>"));
  }

  @Test
  void contentFoundInOneBoxOfTheNamedBodyIsNotTheNamedBody() {
    // The named body's own cleaning may drop that box (a gallery) and keep other text: both extractions are needed.
    assertFalse(selectedIsNamedBody("<article><h2>Photos</h2><div><div>" + paragraphs("Caption", 8)
        + "</div></div><ul><li><a href=/a>Previous story</a></li><li><a href=/b>Next story</a></li></ul></article>"));
  }
}
