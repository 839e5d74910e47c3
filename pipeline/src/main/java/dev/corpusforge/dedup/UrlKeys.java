package dev.corpusforge.dedup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The key two URLs of the same page share: scheme and host lower-cased, default ports, "www." and the fragment
 * dropped, an empty path written as "/", a trailing slash removed; the query is kept (it often selects the content).
 */
final class UrlKeys {
  private UrlKeys() {}

  static String normalize(String url) {
    if (url == null || url.isBlank()) return null;
    String trimmed = url.trim();
    try {
      URI u = new URI(trimmed);
      if (u.getHost() == null) return trimmed;
      String scheme = u.getScheme() == null ? "http" : u.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("https")) scheme = "http";
      String host = u.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) host = host.substring(4);
      int port = u.getPort();
      boolean defaultPort = port == -1 || port == 80 || port == 443;
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
      return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (URISyntaxException e) {
      return trimmed;
    }
  }
}
