package dev.corpusforge.ingest.readers;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.ingest.wikitext.WikitextToText;
import dev.corpusforge.stage.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * MediaWiki XML dumps ({@code pages-articles}, plain, .bz2 or multistream .bz2), streamed page by page with StAX.
 * Articles (namespace 0) become documents with their wikitext converted by {@link WikitextToText}; pages of other
 * namespaces and redirects are rejected as {@code skipped:namespace} and {@code skipped:redirect}. Ids are
 * {@code stableId("wikipedia", dbname + ":" + page id)}, so the same page in a later dump keeps its id.
 */
public final class WikipediaDumpReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  public static final String SOURCE = "wikipedia";

  private final IngestConfig limits;

  private static final int XML_DECLARATION_BYTES = 256;
  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("^(?:\\xEF\\xBB\\xBF)?<\\?xml[^>]{0,200}?encoding\\s{0,10}=\\s{0,10}[\"']([A-Za-z0-9._-]{1,40})");

  public WikipediaDumpReader(IngestConfig limits) {
    this.limits = limits;
  }

  @Override public Iterator<ReadRecord> read(InputFile file) throws IOException {
    if (file.length() == 0) return java.util.Collections.emptyIterator(); // counted as empty-file
    InputStream in = file.openDecompressed();
    try {
      return new Pages(file, in, parser(in));
    } catch (XMLStreamException e) {
      in.close();
      throw new IOException(file.path() + ": not a MediaWiki XML dump: " + e.getMessage(), e);
    }
  }

  /** A parser that never fetches or expands anything from a DTD: dumps have none, hostile files might. */
  /**
   * A UTF-8 dump (what MediaWiki writes) is decoded here rather than in the parser, so that a damaged byte becomes
   * U+FFFD, as in the web and Parquet readers, instead of ending the file; a dump with a UTF-16 byte order mark or
   * another declared encoding goes to the parser as bytes, which honours it.
   */
  private static XMLStreamReader parser(InputStream raw) throws IOException, XMLStreamException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(XML_DECLARATION_BYTES);
    byte[] head = in.readNBytes(XML_DECLARATION_BYTES);
    in.reset();
    if (!isUtf8(head)) return factory().createXMLStreamReader(in);
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      in.skipNBytes(3);
    }
    return factory().createXMLStreamReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** UTF-8 unless the head has a UTF-16 byte order mark, NUL bytes of UTF-16 text, or declares another encoding. */
  static boolean isUtf8(byte[] head) {
    if (head.length >= 2 && (head[0] == 0 || head[1] == 0 || (head[0] & 0xFE) == 0xFE && (head[1] & 0xFE) == 0xFE)) {
      return false;
    }
    Matcher m = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
    return !m.find() || m.group(1).equalsIgnoreCase("utf-8") || m.group(1).equalsIgnoreCase("utf8");
  }

  static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    // The JDK parser counts the predefined entities (&lt; in every page) against a 50M total; dumps exceed it.
    trySet(f, "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit", "0");
    trySet(f, "jdk.xml.totalEntitySizeLimit", "0");
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      // a parser without that limit
    }
  }

  /** The dump's site facts, from {@code <siteinfo>}. */
  private static final class Site {
    String dbname = "wiki";
    String base;
    final List<String> droppedNamespaces = new ArrayList<>();
    WikitextToText converter = new WikitextToText();
  }

  /** One page as read from the XML, before conversion. */
  private static final class Page {
    String title;
    int ns = Integer.MIN_VALUE;
    String id;
    String redirect;
    String revisionId;
    String timestamp;
    StringBuilder text = new StringBuilder();
    long textChars;
  }

  private final class Pages implements Iterator<ReadRecord> {
    private final InputFile file;
    private final InputStream in;
    private final XMLStreamReader xml;
    private final Site site = new Site();
    private ReadRecord next;
    private boolean done;
    private long pageNumber;

    Pages(InputFile file, InputStream in, XMLStreamReader xml) {
      this.file = file;
      this.in = in;
      this.xml = xml;
    }

    @Override public boolean hasNext() {
      if (next == null && !done) {
        try {
          next = advance();
        } catch (XMLStreamException | RuntimeException e) {
          // Woodstox reports some stream errors (a truncated .bz2) lazily, as runtime exceptions.
          closeQuietly();
          throw new IllegalStateException(file.path() + ": unreadable XML in page " + pageNumber
              + " (earlier pages were read): " + e.getMessage(), e);
        }
      }
      return next != null;
    }

    @Override public ReadRecord next() {
      if (!hasNext()) throw new NoSuchElementException();
      ReadRecord r = next;
      next = null;
      return r;
    }

    private ReadRecord advance() throws XMLStreamException {
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) continue;
        String name = xml.getLocalName();
        if (name.equals("siteinfo")) {
          readSiteinfo();
        } else if (name.equals("page")) {
          pageNumber++;
          return toRecord(readPage());
        }
      }
      done = true;
      close();
      return null;
    }

    private void readSiteinfo() throws XMLStreamException {
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("siteinfo")) break;
        if (ev != XMLStreamConstants.START_ELEMENT) continue;
        switch (xml.getLocalName()) {
          case "dbname": site.dbname = xml.getElementText().trim(); break;
          case "base": site.base = xml.getElementText().trim(); break;
          case "namespace": {
            String key = xml.getAttributeValue(null, "key");
            String local = xml.getElementText().trim();
            // File (6), Category (14) and Media (-2) links are not prose, under their local names too.
            if (("6".equals(key) || "14".equals(key) || "-2".equals(key)) && !local.isEmpty()) {
              site.droppedNamespaces.add(local);
            }
            break;
          }
          default: break;
        }
      }
      site.converter = new WikitextToText(site.droppedNamespaces);
    }

    private Page readPage() throws XMLStreamException {
      Page p = new Page();
      int depth = 1;
      boolean inRevision = false;
      while (depth > 0) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (xml.getLocalName().equals("revision")) inRevision = false;
          continue;
        }
        if (ev != XMLStreamConstants.START_ELEMENT) continue;
        depth++;
        String name = xml.getLocalName();
        boolean top = depth == 2;
        switch (name) {
          case "title": if (top) { p.title = xml.getElementText(); depth--; } break;
          case "ns": if (top) { p.ns = parseNs(xml.getElementText()); depth--; } break;
          case "id":
            if (top) { p.id = xml.getElementText().trim(); depth--; }
            else if (inRevision && depth == 3) { p.revisionId = xml.getElementText().trim(); depth--; }
            break;
          case "redirect": p.redirect = xml.getAttributeValue(null, "title"); if (p.redirect == null) p.redirect = ""; break;
          case "revision":
            // Full-history dumps hold several revisions: the last one is the current text.
            inRevision = true;
            p.text.setLength(0);
            p.textChars = 0;
            break;
          case "timestamp": if (inRevision) { p.timestamp = xml.getElementText().trim(); depth--; } break;
          case "text": if (inRevision) { readText(p); depth--; } break;
          default: break;
        }
      }
      return p;
    }

    /** Reads the page text in chunks, keeping at most the document limit in memory. */
    private void readText(Page p) throws XMLStreamException {
      while (true) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE
            || ev == XMLStreamConstants.ENTITY_REFERENCE) {
          int len = xml.getTextLength();
          p.textChars += len;
          if (p.textChars <= limits.maxDocumentChars) {
            p.text.append(xml.getTextCharacters(), xml.getTextStart(), len);
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          return;
        } else if (ev == XMLStreamConstants.START_ELEMENT) {
          throw new XMLStreamException("unexpected element <" + xml.getLocalName() + "> inside <text>", xml.getLocation());
        }
      }
    }

    private ReadRecord toRecord(Page p) {
      String key = site.dbname + ":" + (p.id != null ? p.id : "#" + pageNumber);
      Provenance prov = new Provenance(file.path(), -1, "page " + (p.id != null ? p.id : "#" + pageNumber));
      Document doc = new Document(Documents.stableId(SOURCE, key), SOURCE, url(p.title), p.title, null, prov);
      doc.putMetadata("page_id", p.id);
      doc.putMetadata("revision_id", p.revisionId);
      doc.putMetadata("timestamp", p.timestamp);
      doc.putMetadata("namespace", p.ns == Integer.MIN_VALUE ? null : Integer.toString(p.ns));
      // A page without a title or namespace is malformed (zhwiki edge cases): counted, not guessed at.
      if (p.title == null || p.title.isBlank()) return ReadRecord.rejected(doc, "malformed:missing-title", "{}");
      if (p.ns == Integer.MIN_VALUE) return ReadRecord.rejected(doc, "malformed:missing-namespace", "{}");
      if (p.ns != 0) return ReadRecord.rejected(doc, "skipped:namespace", "{\"namespace\":" + p.ns + "}");
      if (p.redirect != null) {
        return ReadRecord.rejected(doc, "skipped:redirect", "{\"target\":" + Json.quote(p.redirect) + "}");
      }
      if (p.textChars > limits.maxDocumentChars) {
        return ReadRecord.rejected(doc, "too-large", "{\"chars\":" + p.textChars + "}");
      }
      String text = site.converter.convert(p.text.toString());
      if (text.isBlank()) return ReadRecord.rejected(doc, "empty", "{\"wikitext_chars\":" + p.textChars + "}");
      doc.setText(text);
      return ReadRecord.kept(doc);
    }

    private String url(String title) {
      if (site.base == null || title == null) return null;
      int slash = site.base.lastIndexOf('/');
      String prefix = slash >= 0 ? site.base.substring(0, slash + 1) : site.base + "/";
      return prefix + encodeTitle(title);
    }

    private void closeQuietly() {
      done = true;
      try {
        xml.close();
        in.close();
      } catch (XMLStreamException | IOException | RuntimeException e) {
        // already failing: the first error is the one reported
      }
    }

    private void close() {
      done = true;
      try {
        xml.close();
        in.close();
      } catch (XMLStreamException | IOException e) {
        throw new UncheckedIOException(new IOException(file.path() + ": closing: " + e.getMessage(), e));
      }
    }
  }

  private static int parseNs(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return Integer.MIN_VALUE;
    }
  }

  /** A title as Wikipedia writes it in URLs: spaces as underscores, non-ASCII and reserved bytes percent-encoded. */
  static String encodeTitle(String title) {
    StringBuilder sb = new StringBuilder();
    for (byte b : title.trim().replace(' ', '_').getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~:/(),'!*;@$".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
