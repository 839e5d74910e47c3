package dev.corpusforge.testing;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Text built against each regular expression that clean runs on documents: runs of the characters a pattern
 * consumes, broken where its look-behind lets a new attempt start, and near-misses of its literals, so that each
 * attempt goes as far as the pattern allows before failing.
 */
public final class RegexAdversaries {
  private RegexAdversaries() {}

  /** An adversarial text of about {@code chars} characters for the rule named, and the source whose steps run it. */
  public record Adversary(String rule, String source, IntFunction<String> text) {
    public String of(int chars) { return text.apply(chars); }
  }

  public static final List<Adversary> ALL = List.of(
      new Adversary("secrets.assignment", "code", n -> fill(n, "-passwor")),
      new Adversary("secrets.assignment", "code", n -> fill(n, "-p")),
      new Adversary("secrets.assignment", "code", n -> fill(n, "x.password = '")),
      new Adversary("secrets.slack_token", "code", n -> fill(n, " xoxb-" + "a".repeat(9))),
      new Adversary("secrets.aws_key", "code", n -> fill(n, " AKIA" + "A".repeat(15))),
      new Adversary("pii.email", "web", n -> fill(n, "%" + "a".repeat(63) + "@")),
      new Adversary("pii.email", "web", n -> fill(n, " a@" + "a.".repeat(8) + "a")),
      new Adversary("pii.email", "web", n -> fill(n, " a@" + "a".repeat(62) + "-")),
      new Adversary("pii.ipv4", "web", n -> fill(n, " 1.1.1.1.1")),
      new Adversary("pii.ipv6", "web", n -> fill(n, " 2a:" + "f".repeat(36))),
      new Adversary("citations.marker", "web", n -> fill(n, "[123")));

  private static String fill(int chars, String unit) {
    return unit.repeat(Math.max(1, chars / unit.length()));
  }
}
