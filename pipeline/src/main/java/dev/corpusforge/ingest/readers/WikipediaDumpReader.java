package dev.corpusforge.ingest.readers;

import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.ingest.wikitext.WikitextToText;
import dev.corpusforge.io.LookAhead;
import dev.corpusforge.stage.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * {@code stableId("wikipedia", dbname + ":" + page id)}, so the same page in a later dump keeps its id. Each page is
 * cut out of the dump ({@link PageChunks}) and parsed on its own, so a page that is not well-formed XML (an undeclared
 * entity, mismatched tags, a missing end tag) is one {@code corrupt} reject with its number, id, title and bytes, and
 * the pages after it are read as usual.
 */
public final class WikipediaDumpReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  public static final String SOURCE = "wikipedia";

  private final IngestConfig limits;

  private static final int XML_DECLARATION_BYTES = 256;
  /** A dump's head ({@code <mediawiki>} and {@code <siteinfo>}) is a few kilobytes. */
  private static final long MAX_HEAD_CHARS = 16L << 20;
  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("^(?:\\xEF\\xBB\\xBF)?<\\?xml[^>]{0,200}?encoding\\s{0,10}=\\s{0,10}[\"']([A-Za-z0-9._-]{1,40})");

  public WikipediaDumpReader(IngestConfig limits) {
    this.limits = limits;
  }

  @Override public Iterator<ReadRecord> read(InputFile file) throws IOException {
    if (file.length() == 0) return java.util.Collections.emptyIterator(); // counted as empty-file
    Reader in = text(file.openDecompressed());
    try {
      PageChunks chunks = new PageChunks(in, maxPageChars());
      Site site = siteinfo(file, chunks.head(MAX_HEAD_CHARS));
      return new Pages(file, in, chunks, site);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** A page holds its text and a little markup; a page larger than this is too large for any document anyway. */
  private long maxPageChars() {
    return Math.min(Integer.MAX_VALUE - 8, 2 * limits.maxDocumentChars + (1 << 20));
  }

  /**
   * The dump as characters. A UTF-8 dump (what MediaWiki writes) is decoded with damaged bytes as U+FFFD, as in the
   * web and Parquet readers, instead of ending the file; a dump with a UTF-16 byte order mark or another declared
   * encoding is decoded as it says.
   */
  private static Reader text(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(XML_DECLARATION_BYTES);
    byte[] head = in.readNBytes(XML_DECLARATION_BYTES);
    in.reset();
    Charset charset = StandardCharsets.UTF_8;
    if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFF || head[0] == 0 || head[1] == 0)) {
      charset = StandardCharsets.UTF_16;
    } else if (!isUtf8(head)) {
      Matcher m = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
      if (m.find() && Charset.isSupported(m.group(1))) charset = Charset.forName(m.group(1));
    } else if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      in.skipNBytes(3);
    }
    return new InputStreamReader(in, charset);
  }

  private static void readSiteinfo(XMLStreamReader xml, Site site) throws XMLStreamException {
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

  /** The site facts from the dump's head; a head without {@code <mediawiki>} is not a dump. */
  private Site siteinfo(InputFile file, String head) throws IOException {
    if (!head.contains("<mediawiki")) throw new IOException(file.path() + ": not a MediaWiki XML dump (no <mediawiki>)");
    Site site = new Site();
    int from = head.indexOf("<siteinfo");
    int to = head.indexOf("</siteinfo>");
    if (from < 0 || to < from) return site;
    try {
      XMLStreamReader xml = factory().createXMLStreamReader(new StringReader(head.substring(from, to + 11)));
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("siteinfo")) {
          readSiteinfo(xml, site);
          break;
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(file.path() + ": unreadable <siteinfo>: " + e.getMessage(), e);
    }
    return site;
  }

  /** UTF-8 unless the head has a UTF-16 byte order mark, NUL bytes of UTF-16 text, or declares another encoding. */
  static boolean isUtf8(byte[] head) {
    if (head.length >= 2 && (head[0] == 0 || head[1] == 0 || (head[0] & 0xFE) == 0xFE && (head[1] & 0xFE) == 0xFE)) {
      return false;
    }
    Matcher m = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
    return !m.find() || m.group(1).equalsIgnoreCase("utf-8") || m.group(1).equalsIgnoreCase("utf8");
  }

  /** A parser that never fetches or expands anything from a DTD: dumps have none, hostile files might. */
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

  /** Parses one page chunk at a time; a chunk that is not well-formed XML is that page's reject alone. */
  private final class Pages extends LookAhead<ReadRecord> {
    private final InputFile file;
    private final Reader in;
    private final PageChunks chunks;
    private final Site site;
    private final XMLInputFactory factory = factory();
    private long pageNumber;

    Pages(InputFile file, Reader in, PageChunks chunks, Site site) {
      this.file = file;
      this.in = in;
      this.chunks = chunks;
      this.site = site;
    }

    @Override protected ReadRecord read() {
      try {
        if (!chunks.hasNext()) {
          close();
          return null;
        }
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
      PageChunks.Chunk chunk = chunks.next();
      if (chunk.garbage()) return damaged(chunk, null, "text between pages that is no page", "#gap@" + (pageNumber + 1));
      pageNumber++;
      if (chunk.tooLarge()) {
        Page p = new Page();
        p.id = firstElement(chunk.text(), "id");
        p.title = firstElement(chunk.text(), "title");
        return ReadRecord.rejected(document(p), "too-large", "{\"page_chars\":" + chunk.chars() + "}");
      }
      try {
        XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(chunk.text()));
        while (xml.next() != XMLStreamConstants.START_ELEMENT) { /* to <page> */ }
        Page p = readPage(xml);
        xml.close();
        return toRecord(p);
      } catch (XMLStreamException e) {
        return damaged(chunk, e, e.getMessage(), null);
      } catch (RuntimeException e) {
        // Woodstox reports some errors lazily, as runtime exceptions around an XMLStreamException.
        if (!(e.getCause() instanceof XMLStreamException)) throw e;
        return damaged(chunk, e, e.getCause().getMessage(), null);
      }
    }

    /**
     * A page (or a region between pages) that is not well-formed XML: one `corrupt` reject naming the page by id or
     * title when those could be read, with the bytes passed over.
     */
    private ReadRecord damaged(PageChunks.Chunk chunk, Exception e, String error, String entry) {
      Page p = new Page();
      p.id = firstElement(chunk.text(), "id");
      p.title = firstElement(chunk.text(), "title");
      Document doc = entry == null ? document(p) : new Document(
          Documents.stableId(SOURCE, site.dbname + ":" + file.name() + entry), SOURCE, null, null, null,
          new Provenance(file.path(), -1, entry));
      long bytes = chunk.text().getBytes(StandardCharsets.UTF_8).length + Math.max(0, chunk.chars() - chunk.text().length());
      ReadRecord r = ReadRecord.rejected(doc, "corrupt", "{\"page\":" + pageNumber + ",\"page_id\":" + Json.quote(p.id)
          + ",\"title\":" + Json.quote(p.title) + ",\"bytes_skipped\":" + bytes + ",\"error\":" + Json.quote(error) + "}");
      r.setBytesSkipped(bytes);
      return r;
    }

    private Page readPage(XMLStreamReader xml) throws XMLStreamException {
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
          case "text": if (inRevision) { readText(xml, p); depth--; } break;
          default: break;
        }
      }
      return p;
    }

    /** Reads the page text in chunks, keeping at most the document limit in memory. */
    private void readText(XMLStreamReader xml, Page p) throws XMLStreamException {
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

    /** The page's document: id from the page id (or its number in the file), url, title and provenance. */
    private Document document(Page p) {
      String key = site.dbname + ":" + (p.id != null ? p.id : "#" + pageNumber);
      Provenance prov = new Provenance(file.path(), -1, "page " + (p.id != null ? p.id : "#" + pageNumber));
      Document doc = new Document(Documents.stableId(SOURCE, key), SOURCE, url(p.title), p.title, null, prov);
      doc.putMetadata("page_id", p.id);
      return doc;
    }

    private ReadRecord toRecord(Page p) {
      Document doc = document(p);
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
      try {
        in.close();
      } catch (IOException | RuntimeException e) {
        // already failing: the first error is the one reported
      }
    }

    private void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(new IOException(file.path() + ": closing: " + e.getMessage(), e));
      }
    }
  }

  /** The text of the first {@code <name>} element in a page's XML, read without parsing (for naming a damaged page). */
  static String firstElement(String xml, String name) {
    int from = xml.indexOf("<" + name + ">");
    int to = from < 0 ? -1 : xml.indexOf("</" + name + ">", from);
    return to < 0 || to - from > 1024 ? null : xml.substring(from + name.length() + 2, to).trim();
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
