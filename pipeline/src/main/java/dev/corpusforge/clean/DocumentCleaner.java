package dev.corpusforge.clean;

import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.doc.Document;
import dev.corpusforge.stage.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs each source's step list on documents. Built once per partition; step objects are made on first use of a
 * source and reused. Filtering mode stops at the first rejecting step; annotate-only mode runs every step, records
 * every signal, and only notes the first reason.
 */
public final class DocumentCleaner {
  /** The reason of a document on which a regex scan ran out of its work budget (clean.limits). */
  public static final String REGEX_BUDGET = "clean:regex-budget";
  /** Metadata key of the script of the identified language: Hans or Hant for Chinese, Jpan, Kore. */
  public static final String LANGUAGE_SCRIPT = "language_script";

  private final boolean annotateOnly;
  private final Function<String, List<CleanStep>> stepsFor;
  private final Map<String, List<CleanStep>> bySource = new HashMap<>();
  private final CleanDoc doc;

  public DocumentCleaner(CleanConfig config, List<String> badWords) {
    this(config.annotateOnly, config.limits, source -> CleanSteps.forSource(source, config, badWords));
  }

  DocumentCleaner(boolean annotateOnly, CleanConfig.Limits limits, Function<String, List<CleanStep>> stepsFor) {
    this.annotateOnly = annotateOnly;
    this.stepsFor = stepsFor;
    this.doc = new CleanDoc(limits);
  }

  public CleanRecord clean(Document in) {
    String source = in.getSource() == null ? CleanSteps.OTHER : in.getSource();
    List<CleanStep> steps = bySource.computeIfAbsent(source, stepsFor);
    doc.reset(in.getText(), in.getUrl() != null ? in.getUrl() : in.getProvenance() == null ? null : in.getProvenance().getEntry());
    CleanRecord out = new CleanRecord();
    Map<String, Double> all = annotateOnly ? new LinkedHashMap<>() : null;
    for (CleanStep step : steps) {
      doc.signals.clear();
      String rule;
      try {
        rule = step.apply(doc);
      } catch (RegexBudget.Exceeded e) {
        out.setRejectReason(REGEX_BUDGET);
        out.setRejectDetails("{\"step\":" + Json.quote(step.name()) + ",\"rule\":" + Json.quote(e.rule)
            + ",\"chars\":" + e.chars + ",\"budget\":" + e.budget + "}");
        break;
      } catch (RuntimeException | StackOverflowError e) {
        // A bug, not bad data: the document is rejected with the error and the rest go on; past the stage's error
        // budget (errorBudget in the config) the stage fails, naming the step.
        out.setRejectReason(step.name() + ":error");
        out.setRejectDetails("{\"error\":" + Json.quote(e.toString()) + "}");
        break;
      }
      if (all != null) doc.signals.forEach((k, v) -> all.put(step.name() + "_" + k, v));
      if (rule != null && out.getRejectReason() == null) {
        out.setRejectReason(step.name() + ":" + rule);
        out.setRejectDetails(Json.object(doc.signals));
        if (!annotateOnly) break;
      }
    }
    Document d = copy(in);
    d.setText(doc.text());
    if (doc.language != null) {
      d.setLanguage(doc.language);
      d.setLanguageScore(doc.languageScore);
      d.putMetadata(LANGUAGE_SCRIPT, doc.languageScript);
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    for (String name : CleanSteps.COUNTERS) counters.put(name, doc.counter(name));
    out.setDoc(d);
    out.setCounters(counters);
    out.setSignals(all);
    return out;
  }

  private static Document copy(Document in) {
    Document d = new Document(in.getId(), in.getSource(), in.getUrl(), in.getTitle(), in.getText(), in.getProvenance());
    d.setLanguage(in.getLanguage());
    d.setLanguageScore(in.getLanguageScore());
    d.setMetadata(in.getMetadata());
    return d;
  }
}
