package dev.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clean section loads, overrides and validates through the one config tree. */
class CleanConfigTest {
  @Test
  void overridesReachTheCleanSection() throws Exception {
    PipelineConfig c = ConfigLoader.load(null, List.of("clean.language.keep=en,bg", "clean.c4.sentenceSplitter=sparknlp",
        "clean.steps.wikipedia=normalize,language", "clean.gopherQuality.minWords=25", "clean.annotateOnly=true"));
    assertEquals(List.of("en", "bg"), c.clean.language.keep);
    assertEquals("sparknlp", c.clean.c4.sentenceSplitter);
    assertEquals(List.of("normalize", "language"), CleanSteps.namesFor("wikipedia", c.clean));
    assertEquals(25, c.clean.gopherQuality.minWords);
    assertTrue(c.clean.annotateOnly);
    assertEquals(c.clean.steps.get("other"), CleanSteps.namesFor("my-jsonl", c.clean));
  }

  @Test
  void unknownStepsAreNamed() throws Exception {
    PipelineConfig c = ConfigLoader.load(null, List.of("clean.steps.web=normalize,gopher"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CleanSteps.signalColumns(c.clean));
    assertTrue(e.getMessage().contains("'gopher'"), e.getMessage());
  }

  @Test
  void defaultsPrintWithTheirPublishedValues() {
    String yaml = ConfigLoader.toYaml(new PipelineConfig());
    assertTrue(yaml.contains("minScore: 0.65") && yaml.contains("maxLineLength: 1000") && yaml.contains("minSentences: 5"), yaml);
  }
}
