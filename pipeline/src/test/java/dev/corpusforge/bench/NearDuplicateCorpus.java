package dev.corpusforge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * A near-duplicate corpus built from real text: the English Wikipedia excerpt and the gold page texts of the shared
 * corpus samples, cut into documents of {@code words} words (contiguous cuts first; past them, documents stitched
 * from random 30-word runs of the same text), and families of deterministic mutations of some of them: word
 * insertions, deletions, adjacent swaps, added boilerplate, truncation. The same seed gives the same corpus.
 */
public final class NearDuplicateCorpus {
  /** One generated document; {@code family} is the index of the base document it was made from. */
  public record Doc(String id, int family, String text) {}

  private static final String[] BOILERPLATE = {
      "Share this article on Facebook Twitter and LinkedIn",
      "Subscribe to our newsletter to get the latest news delivered to your inbox",
      "All rights reserved Reproduction without permission is prohibited",
      "This page was last edited and is available under a Creative Commons license",
      "Click here to read more stories like this one from our archive",
      "We use cookies to improve your experience on our site",
      "Advertisement continue reading the main story below",
      "Related posts you may also like these articles from the same author"};

  private NearDuplicateCorpus() {}

  /** Every word of the Wikipedia excerpt (markup crudely stripped) and of the gold page texts, in order. */
  public static String[] realWords(Path corpusSamples) throws IOException {
    List<String> words = new ArrayList<>();
    for (String text : wikipediaTexts(corpusSamples.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2"))) {
      words.addAll(Arrays.asList(text.trim().split("\\s+")));
    }
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(corpusSamples.resolve("web/pages-dev.gold.jsonl"))) {
      words.addAll(Arrays.asList(json.readTree(line).get("text").asText().trim().split("\\s+")));
    }
    words.removeIf(String::isEmpty);
    return words.toArray(new String[0]);
  }

  /**
   * {@code bases} base documents of {@code length} words; a fraction {@code dupRate} of them gets a family of 1 to 3
   * mutated variants, each made from the base or from the previous variant (so chains occur).
   */
  public static List<Doc> generate(String[] pool, int bases, int length, double dupRate, long seed) {
    return generate(pool, 0, bases, length, dupRate, seed);
  }

  /** Bases {@code first} to {@code first + bases - 1}: a large corpus is generated in slices of the same sequence. */
  public static List<Doc> generate(String[] pool, int first, int bases, int length, double dupRate, long seed) {
    // SplittableRandom's state advances by a fixed gamma, so slices seeded by nearby values would replay each other's
    // sequence (duplicating documents across slices); a slice's seed is mixed instead. Slice 0 keeps the plain seed.
    SplittableRandom random = new SplittableRandom(first == 0 ? seed : new SplittableRandom(seed ^ first).nextLong());
    List<Doc> docs = new ArrayList<>();
    int cuts = pool.length / length;
    for (int b = first; b < first + bases; b++) {
      List<String> base = new ArrayList<>(length);
      if (b < cuts) {
        base.addAll(Arrays.asList(pool).subList(b * length, (b + 1) * length));
      } else {
        while (base.size() < length) {
          int at = random.nextInt(pool.length - 30);
          base.addAll(Arrays.asList(pool).subList(at, at + 30));
        }
      }
      docs.add(new Doc(String.format("b%07d", b), b, String.join(" ", base)));
      if (random.nextDouble() < dupRate) {
        List<String> previous = base;
        int variants = 1 + random.nextInt(3);
        for (int v = 0; v < variants; v++) {
          List<String> from = random.nextBoolean() ? base : previous;
          List<String> variant = mutate(from, pool, random);
          docs.add(new Doc(String.format("b%07d-v%d", b, v), b, String.join(" ", variant)));
          previous = variant;
        }
      }
    }
    return docs;
  }

  /** {@link #realWords} followed by every word of Dragnet's 460 gold page texts: more real text, no word reused. */
  public static String[] realWordsWithDragnet(Path corpusSamples) throws IOException {
    List<String> words = new ArrayList<>(Arrays.asList(realWords(corpusSamples)));
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(corpusSamples.resolve("web-annotated/gold.jsonl"))) {
      words.addAll(Arrays.asList(json.readTree(line).get("text").asText().trim().split("\\s+")));
    }
    words.removeIf(String::isEmpty);
    return words.toArray(new String[0]);
  }

  /**
   * {@code documents} documents from real text only: every contiguous, non-overlapping cut of {@code length} words of
   * {@code pool} is a base (no text is reused across bases, so shingles repeat only as often as in the real text), and
   * the other documents are variants of the bases by {@link #mutate}, spread evenly over the bases (each made from the
   * base or from the previous variant, so chains occur).
   */
  public static List<Doc> cuts(String[] pool, int length, int documents, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int bases = pool.length / length;
    long extra = Math.max(0, documents - bases);
    List<Doc> docs = new ArrayList<>(Math.max(documents, bases));
    for (int b = 0; b < bases; b++) {
      List<String> base = Arrays.asList(pool).subList(b * length, (b + 1) * length);
      docs.add(new Doc(String.format("b%07d", b), b, String.join(" ", base)));
      int variants = (int) ((b + 1) * extra / bases - b * extra / bases);
      List<String> previous = base;
      for (int v = 0; v < variants; v++) {
        List<String> variant = mutate(random.nextBoolean() ? base : previous, pool, random);
        docs.add(new Doc(String.format("b%07d-v%d", b, v), b, String.join(" ", variant)));
        previous = variant;
      }
    }
    return docs;
  }

  /** One to three mutations, each touching up to 12% of the words. */
  static List<String> mutate(List<String> words, String[] pool, SplittableRandom random) {
    List<String> out = new ArrayList<>(words);
    int ops = 1 + random.nextInt(3);
    for (int o = 0; o < ops; o++) {
      int m = Math.max(1, (int) (out.size() * random.nextDouble() * 0.12));
      switch (random.nextInt(5)) {
        case 0 -> {
          for (int i = 0; i < m; i++) out.add(random.nextInt(out.size() + 1), pool[random.nextInt(pool.length)]);
        }
        case 1 -> {
          for (int i = 0; i < m && out.size() > 10; i++) out.remove(random.nextInt(out.size()));
        }
        case 2 -> {
          for (int i = 0; i < m; i++) {
            int at = random.nextInt(out.size() - 1);
            String w = out.get(at);
            out.set(at, out.get(at + 1));
            out.set(at + 1, w);
          }
        }
        case 3 -> {
          String[] boiler = BOILERPLATE[random.nextInt(BOILERPLATE.length)].split(" ");
          if (random.nextBoolean()) out.addAll(Arrays.asList(boiler));
          else out.addAll(0, Arrays.asList(boiler));
        }
        default -> {
          int keep = Math.max(10, out.size() - m);
          out = new ArrayList<>(out.subList(0, keep));
        }
      }
    }
    return out;
  }

  private static final Pattern REF = Pattern.compile("(?s)<ref[^>]*/>|<ref[^>]*>.*?</ref>");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^{}]*\\}\\}");
  private static final Pattern TABLE = Pattern.compile("(?s)\\{\\|.*?\\|\\}");
  private static final Pattern FILE_LINK = Pattern.compile("\\[\\[(?:File|Image|Category):[^\\[\\]]*(?:\\[\\[[^\\]]*\\]\\][^\\[\\]]*)*\\]\\]");
  private static final Pattern PIPED_LINK = Pattern.compile("\\[\\[[^\\]|]*\\|([^\\]]*)\\]\\]");
  private static final Pattern LINK = Pattern.compile("\\[\\[([^\\]]*)\\]\\]");
  private static final Pattern EXTERNAL = Pattern.compile("\\[https?://\\S+ ?([^\\]]*)\\]");
  private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
  private static final Pattern MARKUP = Pattern.compile("<[^>]+>|'''|''|&[a-z]+;");
  private static final Pattern LINE_MARKUP = Pattern.compile("(?m)^[=*#:;|!{}].*$");

  /** Article texts (namespace 0, no redirects) of a MediaWiki XML dump, with its markup crudely stripped. */
  static List<String> wikipediaTexts(Path dump) throws IOException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = new BZip2CompressorInputStream(new BufferedInputStream(Files.newInputStream(dump)), true)) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      String ns = null;
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) continue;
        String name = xml.getLocalName();
        if (name.equals("ns")) ns = xml.getElementText().trim();
        else if (name.equals("text") && "0".equals(ns)) {
          String text = xml.getElementText();
          if (!text.regionMatches(true, 0, "#REDIRECT", 0, 9)) texts.add(strip(text));
        }
      }
    } catch (javax.xml.stream.XMLStreamException e) {
      throw new IOException("cannot parse " + dump + ": " + e.getMessage(), e);
    }
    return texts;
  }

  static String strip(String wiki) {
    String t = REF.matcher(COMMENT.matcher(wiki).replaceAll(" ")).replaceAll(" ");
    String before;
    do {
      before = t;
      t = TEMPLATE.matcher(t).replaceAll(" ");
    } while (!t.equals(before));
    t = TABLE.matcher(t).replaceAll(" ");
    t = FILE_LINK.matcher(t).replaceAll(" ");
    t = PIPED_LINK.matcher(t).replaceAll("$1");
    t = LINK.matcher(t).replaceAll("$1");
    t = EXTERNAL.matcher(t).replaceAll("$1");
    return LINE_MARKUP.matcher(MARKUP.matcher(t).replaceAll(" ")).replaceAll(" ");
  }
}
