package dev.corpusforge.clean.lang;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Article text from a MediaWiki XML dump (.bz2), read with plain StAX and stripped of markup crudely: templates,
 * tables, references, files and tags removed, links reduced to their label. Test and benchmark input only.
 */
public final class WikiParagraphs {
  private static final Pattern REF = Pattern.compile("(?s)<ref[^>]{0,200}?/>|<ref[^>]{0,200}>.*?</ref>|<!--.*?-->");
  private static final Pattern TAG = Pattern.compile("<[^>\n]{0,200}>");
  private static final Pattern EXTERNAL = Pattern.compile("\\[https?://[^\\s\\]]{1,500}(?: ([^\\]]{0,300}))?\\]");
  private static final Pattern QUOTES = Pattern.compile("'{2,}");

  private WikiParagraphs() {}

  /** The pages of a dump that are not redirects (articles, and project pages such as talk archives), as plain text. */
  public static List<String> articles(Path dump) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = new BZip2CompressorInputStream(new BufferedInputStream(Files.newInputStream(dump)))) {
      XMLStreamReader r = XMLInputFactory.newInstance().createXMLStreamReader(in);
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
        String name = r.getLocalName();
        if (name.equals("text")) {
          String text = r.getElementText();
          if (!text.regionMatches(true, 0, "#REDIRECT", 0, 9) && !text.startsWith("#ПРЕНАСОЧВАНЕ")) {
            out.add(strip(text));
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(dump + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Text blocks (lines: paragraphs and list items; headings and table rows dropped) of at least {@code minChars}. */
  public static List<String> paragraphs(Path dump, int minChars) throws IOException {
    List<String> out = new ArrayList<>();
    for (String article : articles(dump)) {
      for (String p : article.split("\n")) {
        String para = p.strip();
        if (para.length() >= minChars) out.add(para);
      }
    }
    return out;
  }

  static String strip(String wiki) {
    String s = REF.matcher(wiki).replaceAll("");
    s = removeNested(s, "{{", "}}");
    s = removeNested(s, "{|", "|}");
    s = links(s);
    s = EXTERNAL.matcher(s).replaceAll("$1");
    s = TAG.matcher(s).replaceAll("");
    s = QUOTES.matcher(s).replaceAll("");
    StringBuilder sb = new StringBuilder();
    for (String line : s.split("\n")) {
      String t = line.strip();
      if (t.startsWith("=") || t.startsWith("|") || t.startsWith("!")) continue;
      sb.append(t.replaceFirst("^[*#:;]+\\s*", "")).append('\n');
    }
    return sb.toString();
  }

  private static String removeNested(String s, String open, String close) {
    StringBuilder sb = new StringBuilder(s.length());
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith(open, i)) {
        depth++;
        i += open.length() - 1;
      } else if (depth > 0 && s.startsWith(close, i)) {
        depth--;
        i += close.length() - 1;
      } else if (depth == 0) {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }

  /** [[target|label]] to label, [[target]] to target, [[File:...]] and other namespaced links removed. */
  private static String links(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      if (!s.startsWith("[[", i)) {
        sb.append(s.charAt(i++));
        continue;
      }
      int depth = 0;
      int j = i;
      while (j < s.length()) {
        if (s.startsWith("[[", j)) {
          depth++;
          j += 2;
        } else if (s.startsWith("]]", j)) {
          depth--;
          j += 2;
          if (depth == 0) break;
        } else {
          j++;
        }
      }
      String inner = s.substring(i + 2, Math.max(i + 2, j - 2));
      int colon = inner.indexOf(':');
      int pipe = inner.indexOf('|');
      boolean namespaced = colon > 0 && (pipe < 0 || colon < pipe);
      if (!namespaced) sb.append(pipe >= 0 ? inner.substring(inner.lastIndexOf('|') + 1) : inner);
      i = j;
    }
    return sb.toString();
  }
}
