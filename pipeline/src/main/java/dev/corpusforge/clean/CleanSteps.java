package dev.corpusforge.clean;

import dev.corpusforge.clean.filters.C4Filter;
import dev.corpusforge.clean.filters.CodeFilter;
import dev.corpusforge.clean.filters.FineWebFilter;
import dev.corpusforge.clean.filters.GopherQualityFilter;
import dev.corpusforge.clean.filters.GopherRepetitionFilter;
import dev.corpusforge.clean.lang.LanguageFilter;
import dev.corpusforge.clean.normalize.CitationMarkers;
import dev.corpusforge.clean.normalize.TextNormalizer;
import dev.corpusforge.clean.pii.PiiRedactor;
import dev.corpusforge.clean.pii.SecretRedactor;
import dev.corpusforge.config.CleanConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The switch from a step name in {@code clean.steps} to the step object, and the step list of a source. */
public final class CleanSteps {
  public static final String OTHER = "other";
  public static final List<String> NAMES = List.of("normalize", "normalize_code", "citations", "language",
      "language_id", "gopher_quality", "gopher_repetition", "c4", "fineweb", "code", "pii", "secrets");

  private CleanSteps() {}

  public static CleanStep create(String name, CleanConfig c, List<String> badWords) {
    switch (name) {
      case "normalize": return new TextNormalizer(c.normalize);
      case "normalize_code": return TextNormalizer.forCode(c.normalize);
      case "citations": return new CitationMarkers();
      case "language": return LanguageFilter.filtering(c.language);
      case "language_id": return LanguageFilter.tagging(c.language);
      case "gopher_quality": return new GopherQualityFilter(c.gopherQuality, c.languageRules);
      case "gopher_repetition": return new GopherRepetitionFilter(c.gopherRepetition);
      case "c4": return new C4Filter(c.c4, badWords, c.languageRules);
      case "fineweb": return new FineWebFilter(c.fineweb, c.languageRules);
      case "code": return new CodeFilter(c.code);
      case "pii": return new PiiRedactor(c.pii);
      case "secrets": return new SecretRedactor(c.pii);
      default: throw new IllegalArgumentException("clean.steps: unknown step '" + name + "'; known steps: " + NAMES);
    }
  }

  /** The step names configured for a source ({@code other} for sources without their own list). */
  public static List<String> namesFor(String source, CleanConfig c) {
    List<String> names = c.steps.get(source);
    if (names == null) names = c.steps.get(OTHER);
    if (names == null) throw new IllegalArgumentException("clean.steps has no list for '" + source + "' and no 'other' list");
    return names;
  }

  public static List<CleanStep> forSource(String source, CleanConfig c, List<String> badWords) {
    List<CleanStep> steps = new ArrayList<>();
    for (String name : namesFor(source, c)) steps.add(create(name, c, badWords));
    return steps;
  }

  /** Fails on the driver, before any task runs, when a step list names an unknown step. */
  public static void validate(CleanConfig c) {
    c.steps.forEach((source, names) -> {
      for (String name : names) {
        if (!NAMES.contains(name)) {
          throw new IllegalArgumentException("clean.steps." + source + ": unknown step '" + name + "'; known steps: " + NAMES);
        }
      }
    });
  }

  /** Signal column names ("gopher_quality_word_count") of every step any source runs, in a fixed order. */
  public static List<String> signalColumns(CleanConfig c) {
    validate(c);
    Set<String> stepNames = new LinkedHashSet<>();
    c.steps.values().forEach(stepNames::addAll);
    List<String> columns = new ArrayList<>();
    for (String name : NAMES) {
      if (!stepNames.contains(name)) continue;
      for (String signal : create(name, c, List.of()).signalNames()) columns.add(name + "_" + signal);
    }
    return columns;
  }
}
