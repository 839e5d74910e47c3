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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of clean steps: each name {@code clean.steps} may use, with the signals and counters the step declares
 * and how to build it; and the step list of a source.
 */
public final class CleanSteps {
  public static final String OTHER = "other";

  /** Builds a step from the configuration (and the C4 bad words, read once on the driver). */
  interface Factory {
    CleanStep create(CleanConfig c, List<String> badWords);
  }

  /** A registered step: its name, its {@code Signal} and {@code Counter} enum constants, and its factory. */
  private record Entry(String name, Enum<?>[] signals, Enum<?>[] counters, Factory factory) {}

  private static final Enum<?>[] NONE = {};
  private static final Map<String, Entry> REGISTRY = registry(
      new Entry("normalize", TextNormalizer.Signal.values(), NONE, (c, w) -> new TextNormalizer(c.normalize)),
      new Entry("normalize_code", TextNormalizer.Signal.values(), NONE, (c, w) -> TextNormalizer.forCode(c.normalize)),
      new Entry("citations", CitationMarkers.Signal.values(), NONE, (c, w) -> new CitationMarkers()),
      new Entry("language", LanguageFilter.Signal.values(), NONE, (c, w) -> LanguageFilter.filtering(c.language)),
      new Entry("language_id", LanguageFilter.Signal.values(), NONE, (c, w) -> LanguageFilter.tagging(c.language)),
      new Entry("gopher_quality", GopherQualityFilter.Signal.values(), NONE,
          (c, w) -> new GopherQualityFilter(c.gopherQuality, c.languageRules)),
      new Entry("gopher_repetition", GopherRepetitionFilter.Signal.values(), NONE,
          (c, w) -> new GopherRepetitionFilter(c.gopherRepetition)),
      new Entry("c4", C4Filter.Signal.values(), NONE, (c, w) -> new C4Filter(c.c4, w, c.languageRules)),
      new Entry("fineweb", FineWebFilter.Signal.values(), NONE, (c, w) -> new FineWebFilter(c.fineweb, c.languageRules)),
      new Entry("code", CodeFilter.Signal.values(), NONE, (c, w) -> new CodeFilter(c.code)),
      new Entry("pii", PiiRedactor.Signal.values(), PiiRedactor.Counter.values(), (c, w) -> new PiiRedactor(c.pii)),
      new Entry("secrets", SecretRedactor.Signal.values(), SecretRedactor.Counter.values(),
          (c, w) -> new SecretRedactor(c.pii)));

  /** Every step name, in the order signal columns are laid out. */
  public static final List<String> NAMES = List.copyOf(REGISTRY.keySet());
  /** Every counter any step adds to (summed into the stage's counters, 0 when no step ran). */
  public static final List<String> COUNTERS = counters();

  private CleanSteps() {}

  private static Map<String, Entry> registry(Entry... entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) m.put(e.name(), e);
    return m;
  }

  private static List<String> counters() {
    Set<String> names = new LinkedHashSet<>();
    for (Entry e : REGISTRY.values()) for (Enum<?> c : e.counters()) names.add(c.name());
    return List.copyOf(names);
  }

  public static CleanStep create(String name, CleanConfig c, List<String> badWords) {
    Entry e = REGISTRY.get(name);
    if (e == null) throw new IllegalArgumentException("clean.steps: unknown step '" + name + "'; known steps: " + NAMES);
    return e.factory().create(c, badWords);
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
        if (!REGISTRY.containsKey(name)) {
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
    for (Entry e : REGISTRY.values()) {
      if (!stepNames.contains(e.name())) continue;
      for (Enum<?> signal : e.signals()) columns.add(e.name() + "_" + signal.name());
    }
    return columns;
  }
}
