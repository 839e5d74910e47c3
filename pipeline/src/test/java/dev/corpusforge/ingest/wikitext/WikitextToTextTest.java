package dev.corpusforge.ingest.wikitext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WikitextToTextTest {
  private final WikitextToText wiki = new WikitextToText(Set.of("Датотека", "Категория"));

  @Test
  void nestedTemplatesGoWithTheirContent() {
    assertEquals("Before after.", wiki.convert("Before {{Infobox|a={{convert|1|m}}|b=[[x]]}}after."));
  }

  @Test
  void referencesInBothFormsGo() {
    assertEquals("Fact. More.", wiki.convert("Fact.<ref name=\"a\">{{cite|x}} text</ref> More.<ref name=\"a\" />"));
  }

  @Test
  void tablesGoIncludingNestedOnes() {
    assertEquals("Intro\n\nOutro", wiki.convert("Intro\n{| class=x\n| a\n{|\n| inner\n|}\n| b\n|}\nOutro"));
  }

  @Test
  void fileLinksGoWithCaptionsHoldingLinks() {
    assertEquals("Text.", wiki.convert("[[File:A.jpg|thumb|A [[nested]] caption [[x|y]]]]Text."));
    assertEquals("Text.", wiki.convert("[[Image:B.png|left]]Text."));
    assertEquals("Text.", wiki.convert("[[Датотека:B.png|лево]]Text."), "local namespace names from the dump");
  }

  @Test
  void categoriesAndInterlanguageLinksGoButColonLinksStay() {
    assertEquals("Body\n\nsee Category:Birds", wiki.convert("Body\n[[Category:Birds]][[Категория:Птици]][[de:Vogel]][[zh-min-nan:Chiáu]]\nsee [[:Category:Birds]]"));
  }

  @Test
  void linksBecomeTheirAnchorText() {
    assertEquals("The river Silt and Grey Sea and herons and Paris.",
        wiki.convert("The [[Silt River|river Silt]] and [[Grey Sea]] and [[heron]]s and [[Paris (France)|]]."));
  }

  @Test
  void externalLinksBecomeTheirLabel() {
    assertEquals("See the trust or .", wiki.convert("See [https://example.org/x the trust] or [http://bare.example]."));
  }

  @Test
  void headingsAndListItemsBecomeLines() {
    assertEquals("History\nfirst\nsecond\nterm\ndefinition", wiki.convert("== History ==\n* first\n# second\n; term\n: definition"));
  }

  @Test
  void commentsMagicWordsGalleriesMathAndQuotesGo() {
    assertEquals("Bold and italic, x.", wiki.convert("__NOTOC__<!-- note -->'''Bold''' and ''italic''<math>x^2</math>, x.<gallery>\nFile:a.jpg|cap\n</gallery>"));
  }

  @Test
  void nowikiIsKeptVerbatim() {
    assertEquals("Write [[link]] and {{tpl}}.", wiki.convert("Write <nowiki>[[link]] and {{tpl}}</nowiki>."));
  }

  @Test
  void entitiesAreDecoded() {
    assertEquals("a\u2013b\u00a0c & d \u00e9 \u00e9", wiki.convert("a&ndash;b&nbsp;c &amp; d &#233; &#xE9;"));
  }

  @Test
  void htmlTagsGoTheirTextStays() {
    assertEquals("small text and more", wiki.convert("<small>small</small> <span style=\"x\">text</span> and more"));
  }

  @Test
  void unbalancedMarkupIsDroppedNotKept() {
    String out = wiki.convert("a {{ b [[ c }} d ]] e <ref>never closed");
    for (String m : new String[] {"{{", "}}", "[[", "]]", "<ref"}) assertFalse(out.contains(m), out);
  }

  /** Each adversarial input would take minutes if any scan were quadratic; the timeout only stops a hung run. */
  @Test
  @Timeout(60)
  void adversarialInputStaysLinear() {
    int n = 100_000;
    for (String unit : new String[] {"{{", "[[", "[[a|", "<ref>", "<!--", "{|\n", "[http://x ", "<math>", "&#", "<a",
        "''", "[[File:x|[[", "]]", "}}"}) {
      String out = wiki.convert(unit.repeat(n) + "end");
      assertTrue(out.endsWith("end") || out.isEmpty(), unit + " -> " + out.substring(Math.max(0, out.length() - 40)));
    }
  }
}
