package dev.corpusforge.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The title field holds the headline: the site name that page titles carry around it goes. */
class PageTitleTest {
  private final MainContentExtractor extractor = new MainContentExtractor();

  private String title(String title, String body) {
    return extractor.extract("<html><head><title>" + title + "</title></head><body>" + body + "</body></html>",
        null).title;
  }

  @Test
  void theHeadingTheTitleRepeatsIsTheHeadline() {
    assertEquals("Valley school reopens after the flood", title("BBC News - Valley school reopens after the flood",
        "<h1>BBC News</h1><h2>Valley school reopens after the flood</h2><p>Text.</p>"));
  }

  @Test
  void withoutSuchAHeadingTheSiteNameSuffixOrPrefixGoes() {
    assertEquals("Valley school reopens after the flood",
        title("Valley school reopens after the flood | Local | The Valley Times", "<p>Text.</p>"));
    assertEquals("Valley school reopens after the flood",
        title("The Valley Times - Valley school reopens after the flood", "<p>Text.</p>"));
    assertEquals("Valley school reopens after the flood",
        title("Valley school reopens after the flood -- The Valley Times", "<p>Text.</p>"));
  }

  @Test
  void aHeadingHoldingOnlyTheSiteNameIsNotTheHeadline() {
    assertEquals("Valley school reopens after the flood",
        title("Valley school reopens after the flood - The Valley Times", "<h1>The Valley Times</h1><p>Text.</p>"));
  }

  @Test
  void aTitleWithoutSeparatorsStaysWhole() {
    assertEquals("Notes", title("Notes", "<p>Text.</p>"));
  }
}
