package dev.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Provenance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step sequencing: first reject wins, annotate-only runs everything, a failing step rejects only its document. */
class DocumentCleanerTest {
  private enum Signal { chars }

  /** Records the text length; rejects texts longer than {@code max} as "long". */
  private static CleanStep lengthStep(String name, int max) {
    return new CleanStep() {
      @Override public String name() { return name; }
      @Override public String apply(CleanDoc doc) {
        doc.signal(Signal.chars, doc.text().length());
        return doc.text().length() > max ? "long" : null;
      }
    };
  }

  private static final CleanStep UPPER = new CleanStep() {
    @Override public String name() { return "upper"; }
    @Override public String apply(CleanDoc doc) {
      doc.setText(doc.text().toUpperCase());
      return null;
    }
  };

  private static final CleanStep BROKEN = new CleanStep() {
    @Override public String name() { return "broken"; }
    @Override public String apply(CleanDoc doc) {
      throw new IllegalStateException("bad \"input\"");
    }
  };

  private static Document doc(String text) {
    return new Document("id", "web", null, null, text, new Provenance("f", 0, "1"));
  }

  @Test
  void firstRejectingStepDecidesWithItsSignals() {
    DocumentCleaner cleaner = new DocumentCleaner(false, new CleanConfig.Limits(), s -> List.of(UPPER, lengthStep("a", 3), lengthStep("b", 1)));
    CleanRecord kept = cleaner.clean(doc("abc"));
    assertEquals("b:long", kept.getRejectReason());
    assertEquals("{\"chars\":3}", kept.getRejectDetails());
    assertEquals("ABC", kept.getDoc().getText());
    assertNull(kept.getSignals());
    CleanRecord rejected = cleaner.clean(doc("abcd"));
    assertEquals("a:long", rejected.getRejectReason());
  }

  @Test
  void annotateOnlyRunsEveryStepAndPrefixesSignals() {
    DocumentCleaner cleaner = new DocumentCleaner(true, new CleanConfig.Limits(), s -> List.of(lengthStep("a", 1), lengthStep("b", 0)));
    CleanRecord r = cleaner.clean(doc("abc"));
    assertEquals("a:long", r.getRejectReason());
    assertEquals(3.0, r.getSignals().get("a_chars"));
    assertEquals(3.0, r.getSignals().get("b_chars"));
  }

  @Test
  void aFailingStepRejectsTheDocumentWithTheError() {
    DocumentCleaner cleaner = new DocumentCleaner(false, new CleanConfig.Limits(), s -> List.of(UPPER, BROKEN));
    CleanRecord r = cleaner.clean(doc("abc"));
    assertEquals("broken:error", r.getRejectReason());
    assertEquals("{\"error\":\"java.lang.IllegalStateException: bad \\\"input\\\"\"}", r.getRejectDetails());
    assertEquals(0L, r.getCounters().get("pii_email"));
  }
}
