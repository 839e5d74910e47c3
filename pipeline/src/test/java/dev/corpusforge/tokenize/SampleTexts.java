package dev.corpusforge.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.testing.SparkTests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** Real texts to check encoders on: the repository samples, the web gold texts and the Wikipedia dump excerpts. */
public final class SampleTexts {
  private static List<String> all;

  private SampleTexts() {}

  /** Hand-picked cases for the corners of the pre-tokenization regexes. */
  public static List<String> edgeCases() {
    return List.of("", " ", "  ", "\n", "a", "hello world", "Hello  world\n\n  x", "I'm you'll they've we're he'd 'tis",
        "IT'S WE'LL", "''s ''", "12345678 3.14159 1,000,000 ①②③ Ⅻ", "tab\there\r\nwindows\r\n", "trailing   ",
        "   leading", "émigré naïve Ålesund Zürich", "日本語のテキスト、句読点。", "Привет, мир! Как дела?",
        "emoji 👍🏽 family 👨‍👩‍👧 flag 🇧🇬", "code: if (x != y) { return a->b[0] + 0x1F; } // comment",
        "<|endoftext|> is literal here", "a\u00a0b\u2003c\u3000d\u0085e", "mixedCASEWords camelCase HTTPServer",
        "don't/won't/can't", "x" + "\ud800" + "y lone surrogate", "\u0301\u0301combining", "ﬁ ligature ǅ titlecase");
  }

  /** A document that quotes every one of {@code strings}, glued to words, at its ends and alone on a line. */
  public static String quoting(Iterable<String> strings) {
    StringBuilder b = new StringBuilder();
    for (String s : strings) {
      b.append(s).append("GPT-2 ends each document with ").append(s).append(", e.g. 'hello").append(s)
          .append("world'.\n").append(s).append('\n');
    }
    return b.toString();
  }

  /** Every document text of the samples: data-samples JSONL, corpus-samples web gold and Wikipedia pages. */
  public static synchronized List<String> corpus() throws IOException {
    if (all != null) return all;
    List<String> texts = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (Path p : List.of(SparkTests.root().resolve("data-samples/jsonl/notes.jsonl"),
        SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl"))) {
      for (String line : Files.readAllLines(p)) {
        try {
          JsonNode n = json.readTree(line);
          if (n != null && n.hasNonNull("text")) texts.add(n.get("text").asText());
        } catch (IOException notJson) {
          // The samples hold deliberately broken lines; they are not documents.
        }
      }
    }
    for (String dump : List.of("enwiki-pages-articles-shortened.xml.bz2", "bgwiki-pages-articles-shortened.xml.bz2")) {
      texts.addAll(wikiTexts(SparkTests.corpusSamples().resolve("wikipedia").resolve(dump)));
    }
    all = List.copyOf(texts);
    return all;
  }

  /** The {@code <text>} of every page, in a plain StAX pass. */
  public static List<String> wikiTexts(Path dump) throws IOException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(dump), true)) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && "text".equals(xml.getLocalName())) {
          String t = xml.getElementText();
          if (!t.isEmpty()) texts.add(t);
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(dump + ": " + e.getMessage(), e);
    }
    return texts;
  }
}
