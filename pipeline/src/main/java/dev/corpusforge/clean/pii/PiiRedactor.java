package dev.corpusforge.clean.pii;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses and public IP addresses with fixed placeholders, as StarCoder's and Dolma's PII steps do.
 * Private, loopback, link-local, shared, multicast, reserved and documentation ranges are not personal data and stay;
 * a dotted quad after "version", "release" or "build" is a version number and stays. Every pattern starts with a
 * look-behind that fails inside a run of the characters it matches and uses bounded repetition, so a scan is linear
 * in the text however adversarial it is; each scan still runs within the document's regex budget
 * ({@link CleanDoc#meter}).
 */
public final class PiiRedactor implements CleanStep {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.+%-])[\\w.+%-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}(?![\\w-])");
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)(?!\\w)");
  /** Candidates only; {@link Ipv6#parse} decides. */
  private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f:]{2,39}(?![\\w:])");
  private static final Pattern VERSION_CONTEXT = Pattern.compile("(?<![a-z])(?:version|release|build|ver\\.?|v\\.?)\\s*[:=]?\\s*$");

  private final CleanConfig.Pii c;

  public PiiRedactor(CleanConfig.Pii c) {
    this.c = c;
  }

  @Override public String name() { return "pii"; }

  /** The replacement counts this step adds to the stage's counters (in the order of the kinds: e-mail, IPv4, IPv6). */
  public enum Counter { pii_email, pii_ipv4, pii_ipv6 }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details; same order. */
  public enum Signal { email_count, ipv4_count, ipv6_count }

  private static final Signal[] SIGNALS = Signal.values();
  private static final Counter[] COUNTERS = Counter.values();

  @Override public String apply(CleanDoc doc) {
    String text = doc.text();
    int[] counts = new int[3];
    if (c.emails && text.indexOf('@') >= 0) {
      text = Replacements.replace(doc, text, EMAIL, 0, "pii.email", Replacements.ALL, c.emailPlaceholder, counts, 0);
    }
    if (c.ipAddresses) {
      text = Replacements.replace(doc, text, IPV4, 0, "pii.ipv4", PiiRedactor::publicIpv4, c.ipPlaceholder, counts, 1);
      if (text.indexOf(':') >= 0) {
        text = Replacements.replace(doc, text, IPV6, 0, "pii.ipv6", PiiRedactor::publicIpv6, c.ipPlaceholder, counts, 2);
      }
    }
    Replacements.finish(doc, text, counts, SIGNALS, COUNTERS);
    return null;
  }

  /** A dotted quad of valid octets in a public range, not a version number. */
  private static boolean publicIpv4(Matcher m, String text) {
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      String g = m.group(i + 1);
      if (g.length() > 1 && g.charAt(0) == '0') return false;
      octets[i] = Integer.parseInt(g);
      if (octets[i] > 255) return false;
    }
    String before = text.substring(Math.max(0, m.start() - 12), m.start()).toLowerCase(Locale.ROOT);
    return Ipv4.isPublic(octets) && !VERSION_CONTEXT.matcher(before).find();
  }

  private static boolean publicIpv6(Matcher m, String text) {
    int[] groups = Ipv6.parse(m.group());
    return groups != null && Ipv6.isPublic(groups);
  }

  /** IPv4 ranges that identify nobody: RFC 1918, 6598, 5737, 2544, loopback, link-local, multicast, reserved. */
  static final class Ipv4 {
    private Ipv4() {}

    static boolean isPublic(int[] o) {
      int a = o[0];
      int b = o[1];
      if (a == 0 || a == 10 || a == 127 || a >= 224) return false;
      if (a == 100 && b >= 64 && b <= 127) return false;
      if (a == 169 && b == 254) return false;
      if (a == 172 && b >= 16 && b <= 31) return false;
      if (a == 192 && b == 168) return false;
      if (a == 192 && b == 0 && (o[2] == 0 || o[2] == 2)) return false;
      if (a == 198 && (b == 18 || b == 19)) return false;
      if (a == 198 && b == 51 && o[2] == 100) return false;
      return !(a == 203 && b == 0 && o[2] == 113);
    }
  }

  /** IPv6 text to its eight 16-bit groups, and the public test: global unicast 2000::/3 minus 2001:db8::/32. */
  static final class Ipv6 {
    private Ipv6() {}

    static int[] parse(String s) {
      int dc = s.indexOf("::");
      if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) return null;
      String[] head = dc >= 0 ? split(s.substring(0, dc)) : split(s);
      String[] tail = dc >= 0 ? split(s.substring(dc + 2)) : new String[0];
      if (head == null || tail == null) return null;
      int explicit = head.length + tail.length;
      if (dc < 0 ? explicit != 8 : explicit > 7 || explicit < 2) return null;
      int[] g = new int[8];
      for (int i = 0; i < head.length; i++) g[i] = Integer.parseInt(head[i], 16);
      for (int i = 0; i < tail.length; i++) g[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
      return g;
    }

    private static String[] split(String part) {
      if (part.isEmpty()) return new String[0];
      String[] groups = part.split(":", -1);
      for (String g : groups) if (g.isEmpty() || g.length() > 4) return null;
      return groups;
    }

    static boolean isPublic(int[] g) {
      return (g[0] & 0xE000) == 0x2000 && !(g[0] == 0x2001 && g[1] == 0x0db8);
    }
  }
}
