package dev.corpusforge.extract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The page's named article body against the scored content ({@link ExtractionChoice}): each kind of text that wins
 * the scoring without being the story, on pages written for the test, and what must stay.
 */
class NamedContentContainerTest {
  private final MainContentExtractor extractor = new MainContentExtractor();

  private static String story(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("<p>Story paragraph ").append(i).append(" says, with some detail and a few commas, how the valley")
          .append(" school reopened after the flood, who taught there, and what the children made of it.</p>");
    }
    return sb.toString();
  }

  private String text(String body) {
    return extractor.extract("<html><head><title>School reopens</title></head><body>" + body + "</body></html>",
        null).text;
  }

  @Test
  void slideshowCaptionsOutscoringTheStoryLoseToTheNamedArticleBody() {
    StringBuilder slides = new StringBuilder("<div class=gallery>");
    for (int i = 0; i < 30; i++) {
      slides.append("<div class=slide><p>Caption ").append(i).append(": children, teachers and parents, seen")
          .append(" here at the gate, wave at the camera, smiling, on the first day, in the rain, in the valley.</p>")
          .append("</div>");
    }
    slides.append("</div>");
    String t = text("<div class=entry-content>" + story(2) + "</div>" + slides);
    assertTrue(t.contains("Story paragraph 1 says"), t);
    assertFalse(t.contains("Caption"), t);
  }

  @Test
  void neighbouringPostTitlesAndPostNavigationAroundTheNamedBodyAreDropped() {
    String t = text("<div class=main><h3>Last week: the bridge repairs</h3><p>« Older post | Main | Newer post »</p>"
        + "<div class=post-body>" + story(1) + "</div><p>Filed in 12+ years, Crafts, Family, Nature, School</p>"
        + "</div>");
    assertTrue(t.contains("Story paragraph 0 says"), t);
    assertFalse(t.contains("bridge repairs") || t.contains("Older post") || t.contains("Filed in"), t);
  }

  @Test
  void aStorySplitOverSeveralBoxesOfTheSameNameIsKeptWhole() {
    String t = text("<div class=page><div class=articleBody>" + story(1) + "</div>"
        + "<div class=inline-box><p>Multimedia</p></div>"
        + "<div class=articleBody><p>The second part of the story goes on, at length and with commas, about the"
        + " teachers who stayed, the parents who helped, and the mayor who came to see.</p></div></div>");
    assertTrue(t.contains("Story paragraph 0 says"), t);
    assertTrue(t.contains("The second part of the story goes on"), t);
  }

  @Test
  void aSmallNamedBoxInsideTheStoryDoesNotReplaceIt() {
    String t = text("<div id=main>" + story(4) + "<div class=content><p>What you need: boots, a coat.</p>"
        + "<p>And an umbrella for the walk to school.</p></div>" + story(1) + "</div>");
    assertTrue(t.contains("Story paragraph 3 says") && t.contains("What you need"), t);
  }

  @Test
  void aNamedBoxHoldingLittleTextNeverReplacesTheScoredStory() {
    String t = text("<div id=primaryNav><p>Home News Sport</p></div><div class=main>" + story(4) + "</div>");
    assertTrue(t.contains("Story paragraph 3 says"), t);
  }
}
