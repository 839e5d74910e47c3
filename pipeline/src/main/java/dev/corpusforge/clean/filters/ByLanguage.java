package dev.corpusforge.clean.filters;

import dev.corpusforge.config.CleanConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The section of a rule's thresholds that applies to a document's identified language ({@code clean.languageRules}):
 * English and unidentified documents get the base section, listed languages their own, others the fallback.
 */
final class ByLanguage<T> {
  private final T base;
  private final T other;
  private final Map<String, T> sections = new HashMap<>();

  ByLanguage(T base, Map<String, CleanConfig.LanguageRules> rules, Function<CleanConfig.LanguageRules, T> section) {
    this.base = base;
    T fallback = base;
    for (Map.Entry<String, CleanConfig.LanguageRules> e : rules.entrySet()) {
      T t = e.getValue() == null ? null : section.apply(e.getValue());
      if (t == null) t = base;
      if (e.getKey().equals(CleanConfig.LanguageRules.OTHER)) fallback = t;
      else sections.put(e.getKey(), t);
    }
    this.other = fallback;
  }

  T get(String language) {
    if (language == null) return base;
    T t = sections.get(language);
    if (t != null) return t;
    return language.equals("en") ? base : other;
  }

  /** Every distinct section, base first, for work done once per section. */
  List<T> all() {
    List<T> out = new ArrayList<>();
    out.add(base);
    for (T t : sections.values()) if (!out.contains(t)) out.add(t);
    if (!out.contains(other)) out.add(other);
    return out;
  }
}
