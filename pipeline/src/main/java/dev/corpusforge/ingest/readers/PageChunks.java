package dev.corpusforge.ingest.readers;

import dev.corpusforge.io.LookAhead;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * Cuts a MediaWiki XML dump into the text of its {@code <page>} elements, without parsing, so that each page can be
 * parsed on its own and a page that is not well-formed XML costs only itself. A page runs from {@code <page>} to the
 * next {@code </page>} (page text cannot hold either: it is escaped), or to the next {@code <page>} when its end tag
 * is missing. What comes before the first page is the head ({@code <mediawiki>}, {@code <siteinfo>}). Between pages,
 * text and comments are the root element's content and not records; markup there (a page whose start tag is damaged)
 * is a {@link Chunk#garbage()} region.
 */
final class PageChunks extends LookAhead<PageChunks.Chunk> {
  private static final char[] OPEN = "<page>".toCharArray();
  private static final char[] CLOSE = "</page>".toCharArray();
  private static final String END = "</mediawiki>";
  private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", java.util.regex.Pattern.DOTALL);

  /**
   * One cut: a page's XML from {@code <page>} through {@code </page>}, or a damaged region's text (possibly cut);
   * {@code chars} is the characters of the input it covers, and {@code tooLarge} says a page over the cap is counted
   * but not kept ({@code text} then holds its start only).
   */
  record Chunk(String text, boolean garbage, long chars, boolean tooLarge) {}

  private final Reader in;
  private final long maxPageChars;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;
  private final StringBuilder sb = new StringBuilder();
  /** The next page's start tag was already read (it ended the previous chunk). */
  private boolean openConsumed;

  PageChunks(Reader in, long maxPageChars) {
    this.in = in;
    this.maxPageChars = maxPageChars;
  }

  /** The dump's head: everything before the first {@code <page>} (at most {@code maxChars} of it). */
  String head(long maxChars) {
    sb.setLength(0);
    if (copyUntil(OPEN, maxChars) >= 0) {
      openConsumed = true;
      if (sb.length() >= OPEN.length) sb.setLength(sb.length() - OPEN.length);
    }
    return sb.toString();
  }

  @Override protected Chunk read() {
    if (!openConsumed) {
      // Between pages: white space and the closing root tag are expected; anything else is a damaged region.
      sb.setLength(0);
      long between = copyUntil(OPEN, maxPageChars);
      if (between >= 0 && sb.length() >= OPEN.length) sb.setLength(sb.length() - OPEN.length);
      String gap = COMMENTS.matcher(sb).replaceAll("").replace(END, "").strip();
      openConsumed = between >= 0;
      if (gap.indexOf('<') >= 0) {
        return new Chunk(gap, true, between < 0 ? sb.length() : between - OPEN.length, false);
      }
      if (between < 0) return null;
    }
    openConsumed = false;
    sb.setLength(0);
    sb.append(OPEN);
    long pageChars = OPEN.length + copyPage(maxPageChars);
    return new Chunk(sb.toString(), false, pageChars, pageChars > maxPageChars);
  }

  /**
   * Appends characters to sb (at most max of them) up to and including {@code marker}; returns the characters read,
   * or -1 if the input ended first.
   */
  private long copyUntil(char[] marker, long max) {
    long read = 0;
    int matched = 0;
    while (true) {
      int c = nextChar();
      if (c < 0) return -1;
      read++;
      if (sb.length() < max) sb.append((char) c);
      matched = c == marker[matched] ? matched + 1 : c == marker[0] ? 1 : 0;
      if (matched == marker.length) return read;
    }
  }

  /**
   * Appends the page body (at most max characters kept) through {@code </page>}, or up to the next {@code <page>}
   * (then consumed for the next read), or to the end of the input; returns the characters of this page read.
   */
  private long copyPage(long max) {
    long read = 0;
    int close = 0;
    int open = 0;
    while (true) {
      int c = nextChar();
      if (c < 0) return read;
      read++;
      if (sb.length() < max) sb.append((char) c);
      close = c == CLOSE[close] ? close + 1 : c == CLOSE[0] ? 1 : 0;
      open = c == OPEN[open] ? open + 1 : c == OPEN[0] ? 1 : 0;
      if (close == CLOSE.length) return read;
      if (open == OPEN.length) {
        // The next page starts: this one lost its end tag.
        openConsumed = true;
        if (sb.length() >= OPEN.length) sb.setLength(sb.length() - OPEN.length);
        return read - OPEN.length;
      }
    }
  }

  private int nextChar() {
    if (pos == lim) {
      if (eof) return -1;
      try {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
          eof = true;
          return -1;
        }
        pos = 0;
        lim = n;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return buf[pos++];
  }
}
