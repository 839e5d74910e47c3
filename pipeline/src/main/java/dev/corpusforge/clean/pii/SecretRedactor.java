package dev.corpusforge.clean.pii;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.regex.Pattern;

/**
 * Replaces secrets in code with a fixed placeholder (StarCoder's PII pass did the same for keys): private key blocks,
 * AWS access key ids, GitHub and Slack tokens, and string literals assigned to names such as password, secret,
 * api_key or token. Every pattern has bounded repetition and a look-behind that fails inside a run of its own
 * characters, so scans are linear; each still runs within the document's regex budget
 * ({@link CleanDoc#meter}).
 */
public final class SecretRedactor implements CleanStep {
  private static final Pattern AWS = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Z0-9])");
  private static final Pattern GITHUB = Pattern.compile(
      "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])");
  private static final Pattern SLACK = Pattern.compile("(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,72}(?![A-Za-z0-9-])");
  /** name = "value" / name: 'value'; the value (group 2) is replaced, quotes kept. */
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?i)(?<![A-Za-z0-9_])[A-Za-z0-9_.-]{0,40}?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|access[_-]?token|private[_-]?key|client[_-]?secret)"
          + "[\"']?[ \\t]{0,10}(?::=|=|:)[ \\t]{0,10}([\"'])([^\"'\\n]{4,200})\\1");
  private static final String BEGIN = "-----BEGIN ";
  private static final String KEY_END = "PRIVATE KEY-----";

  private final String placeholder;

  public SecretRedactor(CleanConfig.Pii c) {
    this.placeholder = c.secretPlaceholder;
  }

  @Override public String name() { return "secrets"; }

  /** The replacement counts this step adds to the stage's counters, in the order of the kinds {@link #apply} scans. */
  public enum Counter { secret_private_key, secret_aws_key, secret_github_token, secret_slack_token,
    secret_assignment }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details; same order. */
  public enum Signal { private_keys, aws_keys, github_tokens, slack_tokens, assignments }

  private static final Signal[] SIGNALS = Signal.values();
  private static final Counter[] COUNTERS = Counter.values();

  @Override public String apply(CleanDoc doc) {
    String text = doc.text();
    int[] n = new int[5];
    text = privateKeys(text, n);
    text = Replacements.replace(doc, text, AWS, 0, "secrets.aws_key", Replacements.ALL, placeholder, n, 1);
    text = Replacements.replace(doc, text, GITHUB, 0, "secrets.github_token", Replacements.ALL, placeholder, n, 2);
    text = Replacements.replace(doc, text, SLACK, 0, "secrets.slack_token", Replacements.ALL, placeholder, n, 3);
    text = Replacements.replace(doc, text, ASSIGNMENT, 2, "secrets.assignment", Replacements.ALL, placeholder, n, 4);
    Replacements.finish(doc, text, n, SIGNALS, COUNTERS);
    return null;
  }

  /** "-----BEGIN ... PRIVATE KEY-----" through the matching END line (or the end of the text if it is cut off). */
  private String privateKeys(String text, int[] n) {
    int from = 0;
    StringBuilder sb = null;
    int copied = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) break;
      int lineEnd = text.indexOf('\n', begin);
      int headerEnd = text.indexOf(KEY_END, begin);
      if (headerEnd < 0) break;
      if (lineEnd >= 0 && headerEnd > lineEnd) {
        from = begin + BEGIN.length();
        continue;
      }
      int end = text.indexOf("-----END ", headerEnd);
      int stop = end < 0 ? text.length() : text.indexOf(KEY_END, end);
      stop = stop < 0 ? text.length() : stop + KEY_END.length();
      if (sb == null) sb = new StringBuilder(text.length());
      sb.append(text, copied, begin).append(placeholder);
      copied = stop;
      from = stop;
      n[0]++;
    }
    return sb == null ? text : sb.append(text, copied, text.length()).toString();
  }
}
