package dev.corpusforge.ingest.readers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes {@code data-samples/web/sample.warc.gz}: four HTML pages written for corpusforge (with navigation, cookie
 * banner, share bar, comments, related links and footer that extraction must drop), a page in windows-1252 declared
 * only by its meta tag, one in windows-1252 declared nowhere, a gzip-encoded chunked response, a 404 page, a PNG
 * response, a request record and a warcinfo record. Deterministic: fixed ids and dates.
 */
public final class WebSample {
  static final Charset CP1252 = Charset.forName("windows-1252");
  /** The HTML 2xx responses, which must each give one document. */
  static final List<String> HTML_PAGES = List.of("http://bakery.example/sourdough", "http://bees.example/rooftop-hives",
      "http://cafe.example/menu-history", "http://trains.example/night-train");

  private WebSample() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "data-samples/web/sample.warc.gz");
    write(out);
    System.out.println("wrote " + out);
  }

  static void write(Path out) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING); WarcWriter w = new WarcWriter(ch, WarcCompression.GZIP)) {
      w.write(new Warcinfo.Builder().recordId(id("info")).date(date(0)).filename("sample.warc.gz")
          .fields(Map.of("software", List.of("corpusforge sample writer"))).build());
      w.write(request(HTML_PAGES.get(0), 1));
      w.write(response(HTML_PAGES.get(0), 2, http(200, "text/html; charset=utf-8", null,
          page("Baking sourdough at home | Crumb Notes", SOURDOUGH).getBytes(StandardCharsets.UTF_8))));
      byte[] gzipped = gzip(page("Rooftop hives in the city | Bee Diary", BEES).getBytes(StandardCharsets.UTF_8));
      w.write(response(HTML_PAGES.get(1), 3, chunked(gzipped)));
      w.write(response(HTML_PAGES.get(2), 4, http(200, "text/html", null,
          ("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
              + page("A short history of the café menu", CAFE).substring(15)).getBytes(CP1252))));
      w.write(response(HTML_PAGES.get(3), 5, http(200, "text/html", null,
          page("Sleeping across a continent – the night train", TRAINS).getBytes(CP1252))));
      w.write(response("http://bakery.example/missing", 6, http(404, "text/html; charset=utf-8", null,
          "<html><body><p>Nothing is baked here.</p></body></html>".getBytes(StandardCharsets.UTF_8))));
      w.write(response("http://bakery.example/logo.png", 7, http(200, "image/png", null, PNG)));
    }
  }

  /** A WET-style conversion record, for the reader's plain-text path. */
  static WarcRecord conversion(String url, String text) {
    return new WarcConversion.Builder().setHeader("WARC-Target-URI", url).recordId(id("conversion " + url)).date(date(9))
        .body(MediaType.PLAIN_TEXT, text.getBytes(StandardCharsets.UTF_8)).build();
  }

  static java.net.URI id(String name) {
    return java.net.URI.create("urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  static Instant date(int minute) {
    return Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * minute);
  }

  static WarcRecord response(String url, int minute, byte[] http) {
    return new WarcResponse.Builder(url).recordId(id("response " + url)).date(date(minute))
        .body(MediaType.HTTP_RESPONSE, http).build();
  }

  private static WarcRecord request(String url, int minute) {
    String host = java.net.URI.create(url).getHost();
    byte[] http = ("GET " + java.net.URI.create(url).getPath() + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: corpusforge-sample\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    return new WarcRequest.Builder(url).recordId(id("request " + url)).date(date(minute))
        .body(MediaType.HTTP_REQUEST, http).build();
  }

  static byte[] http(int status, String contentType, String extraHeaders, byte[] body) {
    String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.length + "\r\n" + (extraHeaders == null ? "" : extraHeaders) + "\r\n";
    return concat(head.getBytes(StandardCharsets.US_ASCII), body);
  }

  /** A gzip-encoded body sent in three chunks. */
  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    int third = body.length / 3 + 1;
    for (int start = 0; start < body.length; start += third) {
      int n = Math.min(third, body.length - start);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, start, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A page: site chrome around an article whose paragraphs are {@code body}. */
  static String page(String title, String body) {
    return "<!DOCTYPE html><html><head><title>" + title + "</title>"
        + "<style>.nav{color:red}</style><script>var tracking = 'this is not content';</script></head><body>"
        + "<div id=\"cookie-consent\" class=\"cookie-banner\"><p>We use cookies to improve your visit. "
        + "<a href=\"/privacy\">Privacy policy</a> <button>Accept all</button></p></div>"
        + "<header class=\"site-header\"><a href=\"/\">Home</a> <nav><ul><li><a href=\"/a\">Recipes</a></li>"
        + "<li><a href=\"/b\">Stories</a></li><li><a href=\"/c\">Shop</a></li><li><a href=\"/d\">About us</a></li>"
        + "</ul></nav></header>"
        + "<main><article class=\"post\"><h1>" + title.replaceAll(" \\|.*", "") + "</h1>"
        + "<div class=\"share-bar\"><a href=\"/s/1\">Share on social</a> <a href=\"/s/2\">Email this</a></div>"
        + body
        + "</article>"
        + "<section id=\"comments\" class=\"comment-thread\"><h3>12 comments</h3>"
        + "<div class=\"comment\"><p>Great post, thanks for sharing!</p></div>"
        + "<div class=\"comment\"><p>First! Check out my channel for more tips.</p></div></section>"
        + "<div class=\"related-links\"><h3>You may also like</h3><ul><li><a href=\"/r/1\">Ten tips for winter</a></li>"
        + "<li><a href=\"/r/2\">Our favourite tools</a></li><li><a href=\"/r/3\">Reader questions answered</a></li>"
        + "</ul></div></main>"
        + "<footer><p>© 2026 Example Media. All rights reserved.</p><a href=\"/terms\">Terms of use</a></footer>"
        + "</body></html>";
  }

  static final String SOURDOUGH = "<p>A sourdough starter is nothing more than flour and water left to ferment, yet "
      + "keeping one alive for a year teaches more about patience than any recipe book. Wild yeasts and lactic "
      + "bacteria arrive on the grain itself, and within a week the jar smells faintly of apples and yoghurt.</p>"
      + "<h2>Feeding the starter</h2>"
      + "<p>Feed it at the same hour each day, discarding half before adding equal weights of flour and water. A "
      + "starter that doubles within six hours at room temperature is ready to leaven bread; one that sulks needs a "
      + "warmer shelf, not more flour.</p>"
      + "<p>Rye flour wakes a tired culture faster than white flour, because its bran carries more of the sugars "
      + "and minerals the microbes feed on. Chlorinated tap water rarely harms an established jar, but it can slow "
      + "a new one down.</p>"
      + "<h2>Shaping and baking</h2>"
      + "<ul><li>Mix the dough and rest it for an hour before adding salt.</li>"
      + "<li>Fold it four times during the first two hours of the rise.</li>"
      + "<li>Shape it tightly, then proof it overnight in the refrigerator.</li></ul>"
      + "<p>Bake in a preheated cast-iron pot with the lid on for twenty minutes, then uncover it so that the crust "
      + "can darken. Resist cutting the loaf until it has cooled, since the crumb is still setting as the steam "
      + "escapes.</p>";

  static final String BEES = "<p>Three hives now stand on the roof of our apartment block, between the water tank "
      + "and the laundry lines. The neighbours were sceptical at first, but a jar of honey on every doorstep in "
      + "September changed the mood of the house meeting considerably.</p>"
      + "<p>City bees forage over a surprisingly wide area. Lime trees along the boulevard, balcony geraniums and "
      + "the railway embankment's brambles all show up in the pollen we find on the frames, and the honey from June "
      + "tastes completely different from the honey of August.</p>"
      + "<h2>What the colony needs</h2>"
      + "<p>Wind is the real enemy on a roof, more than heat or cold. Each hive is strapped to a pallet and "
      + "sheltered by a screen of woven willow, and the entrances face away from the prevailing westerly gusts.</p>"
      + "<table><tr><th>Month</th><th>Frames of brood</th><th>Honey harvested</th></tr>"
      + "<tr><td>May</td><td>6</td><td>none</td></tr><tr><td>July</td><td>9</td><td>4 kg</td></tr>"
      + "<tr><td>September</td><td>5</td><td>11 kg</td></tr></table>"
      + "<p>Water matters as much as flowers, so a shallow tray filled with pebbles sits beside the hives, which "
      + "keeps the bees away from the neighbours' dripping air conditioners.</p>";

  static final String CAFE = "<p>Before the espresso machine, the café menu was short: coffee boiled in a pot, "
      + "chicory for those who could not afford better, and a crème that was mostly milk. The word café itself "
      + "named the drink long before it named the room.</p>"
      + "<p>The nineteenth century brought the café-concert, where a naïve audience paid for a drink and received an "
      + "evening of songs for free. Menus grew longer as owners competed, adding pastries, absinthe and soup.</p>"
      + "<p>Today’s menus print prices in euros (€) and list oat milk beside the crème brûlée, yet the ritual of "
      + "the table by the window has barely changed in two hundred years.</p>";

  static final String TRAINS = "<p>The night train leaves the capital at a quarter to nine, and by the time the "
      + "conductor has checked every ticket the city lights have given way to fields. A sleeper compartment holds "
      + "two narrow bunks, a folding sink and a window that does not quite close.</p>"
      + "<p>Passengers are a mixture of commuters with meetings in the morning, families who cannot face an airport, "
      + "and travellers who simply like waking up somewhere new. Breakfast – a roll, jam and coffee – arrives "
      + "on a tray twenty minutes before the terminus.</p>"
      + "<p>Operators revived these routes once overnight rail was seen as a low-carbon alternative to short "
      + "flights. The economics remain fragile, because a carriage of beds carries far fewer people than a carriage "
      + "of seats.</p>";

  /** A one-pixel PNG, as a non-HTML payload. */
  private static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
