package dev.corpusforge.clean.filters;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.config.CleanConfig;
import java.util.Locale;

/**
 * The Stack / StarCoder rules for source files (Li et al. 2023, section 3; bigcode-dataset's basic filter): longest
 * line, mean line length, alphanumeric fraction, generated-file markers in the first lines, XML files, and
 * per-extension overrides (data files such as JSON and YAML by size).
 */
public final class CodeFilter implements CleanStep {
  private final CleanConfig.Code c;
  private final String[] markers;

  public CodeFilter(CleanConfig.Code c) {
    this.c = c;
    this.markers = c.generatedMarkers.stream().map(m -> m.toLowerCase(Locale.ROOT)).toArray(String[]::new);
  }

  @Override public String name() { return "code"; }

  /** The signals this step records, named as in signal columns ("<step>_<signal>") and reject details. */
  public enum Signal { max_line_length, mean_line_length, alphanumeric_fraction, generated, xml, chars }

  @Override public String apply(CleanDoc doc) {
    String text = doc.text();
    CleanConfig.CodeOverride o = override(extension(doc.path()));
    int maxLine = o != null && o.maxLineLength != null ? o.maxLineLength : c.maxLineLength;
    double maxMean = o != null && o.maxMeanLineLength != null ? o.maxMeanLineLength : c.maxMeanLineLength;
    double minAlnum = o != null && o.minAlphanumericFraction != null ? o.minAlphanumericFraction : c.minAlphanumericFraction;

    int lines = 0;
    int longest = 0;
    long lineChars = 0;
    long alnum = 0;
    boolean generated = false;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length()) {
        char ch = text.charAt(i);
        if (Character.isLetterOrDigit(ch)) alnum++;
        if (ch != '\n') continue;
      }
      int len = i - start;
      lines++;
      lineChars += len;
      longest = Math.max(longest, len);
      if (lines <= c.generatedMarkerLines && !generated) generated = hasMarker(text, start, i);
      start = i + 1;
    }
    double mean = (double) lineChars / lines;
    double alnumFraction = text.isEmpty() ? 0 : (double) alnum / text.length();
    boolean xml = c.dropXml && text.substring(0, Math.min(100, text.length())).contains("<?xml version=");
    doc.signal(Signal.max_line_length, longest);
    doc.signal(Signal.mean_line_length, mean);
    doc.signal(Signal.alphanumeric_fraction, alnumFraction);
    doc.signal(Signal.generated, generated ? 1 : 0);
    doc.signal(Signal.xml, xml ? 1 : 0);
    doc.signal(Signal.chars, text.length());
    if (o != null && o.minChars != null && text.length() < o.minChars) return "too_short";
    if (o != null && o.maxChars != null && text.length() > o.maxChars) return "too_long";
    if (longest > maxLine) return "max_line_length";
    if (mean > maxMean) return "mean_line_length";
    if (alnumFraction < minAlnum) return "alphanumeric_fraction";
    if (generated) return "auto_generated";
    if (xml) return "xml";
    return null;
  }

  private boolean hasMarker(String text, int from, int to) {
    String line = text.substring(from, to).toLowerCase(Locale.ROOT);
    for (String m : markers) if (line.contains(m)) return true;
    return false;
  }

  private CleanConfig.CodeOverride override(String ext) {
    if (ext == null) return null;
    for (CleanConfig.CodeOverride o : c.perExtension) if (o.extensions.contains(ext)) return o;
    return null;
  }

  /** The lower-case extension of the file name at the end of a path or URL, or null. */
  static String extension(String path) {
    if (path == null) return null;
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
