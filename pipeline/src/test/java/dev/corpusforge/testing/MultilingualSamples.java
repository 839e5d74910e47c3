package dev.corpusforge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.ingest.wikitext.WikitextToText;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** The shared Chinese and Japanese samples ({@code ../shared/corpus-samples/multilingual}) as plain texts. */
public final class MultilingualSamples {
  public static final String ZH_JSONL = "multilingual/zh-hans-wiki-cmrc2018-dev.jsonl";
  public static final String ZH_WIKI = "multilingual/zhwiki-pages-articles-head.xml.bz2";
  public static final String JA_WIKI = "multilingual/jawiki-pages-articles-head.xml.bz2";

  private MultilingualSamples() {}

  public static Path path(String name) {
    return SparkTests.corpusSamples().resolve(name);
  }

  /** The 848 texts of the CMRC 2018 Chinese Wikipedia openings. */
  public static List<String> zhOpenings() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(path(ZH_JSONL), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) out.add(json.readTree(line).get("text").asText());
    }
    return out;
  }

  /** The raw wikitext of every article (namespace 0, as the Wikipedia reader keeps) that is not a redirect. */
  public static List<String> wikitexts(String dump) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = new BZip2CompressorInputStream(new BufferedInputStream(Files.newInputStream(path(dump))))) {
      XMLStreamReader r = XMLInputFactory.newInstance().createXMLStreamReader(in);
      String ns = null;
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
        if (r.getLocalName().equals("ns")) ns = r.getElementText().trim();
        if (!r.getLocalName().equals("text") || !"0".equals(ns)) continue;
        String text = r.getElementText();
        String head = text.stripLeading();
        if (!head.regionMatches(true, 0, "#REDIRECT", 0, 9) && !head.startsWith("#重定向") && !head.startsWith("#転送")) {
          out.add(text);
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(dump + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Every article of a dump as plain text by the project's converter, with the dump's local namespaces. */
  public static List<String> wikiTexts(String dump, Set<String> localNamespaces) throws IOException {
    WikitextToText converter = new WikitextToText(localNamespaces);
    List<String> out = new ArrayList<>();
    for (String w : wikitexts(dump)) out.add(converter.convert(w));
    return out;
  }
}
