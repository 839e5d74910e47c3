package dev.corpusforge.ingest.code;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The per-file rules of the code reader, after The Stack and StarCoder's data pipeline: vendored folders, binary
 * content, and minified or generated files (long lines) are not training code.
 */
public final class CodeFileChecks {
  /** Folders holding other projects' code or tool state, not the repository's own code. */
  private static final Set<String> VENDORED = Set.of(".git", ".hg", ".svn", "vendor", "vendors", "node_modules",
      "bower_components", "third_party", "third-party", "thirdparty", "3rdparty", "external_libs", "Pods",
      "site-packages", ".venv", "venv", "__pycache__", ".idea", ".vscode", ".gradle", ".mvn");
  /** StarCoder drops files whose mean line length exceeds 100 characters (after The Stack's filters). */
  public static final double MAX_MEAN_LINE_LENGTH = 100;
  /** StarCoder also drops files with any line longer than 1,000 characters. */
  public static final int MAX_LINE_LENGTH = 1_000;

  private CodeFileChecks() {}

  public static boolean isVendored(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (VENDORED.contains(parts[i])) return true;
    }
    return false;
  }

  /** The text of a source file, or null when it is binary: a NUL byte or invalid UTF-8. */
  public static String decodeText(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) return null;
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return utf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Minified or generated: a ".min." name, a mean line length over 100, or a line over 1,000 characters. */
  public static String minified(String path, String text) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.contains(".min.")) return "{\"name\":\"min\"}";
    int lines = 0;
    int longest = 0;
    int current = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
        longest = Math.max(longest, current);
        current = 0;
      } else {
        current++;
      }
    }
    if (current > 0) lines++;
    longest = Math.max(longest, current);
    double mean = lines == 0 ? 0 : (double) (text.length() - (lines - (current > 0 ? 1 : 0))) / lines;
    if (mean > MAX_MEAN_LINE_LENGTH || longest > MAX_LINE_LENGTH) {
      return String.format(Locale.ROOT, "{\"mean_line_length\":%.1f,\"max_line_length\":%d}", mean, longest);
    }
    return null;
  }
}
