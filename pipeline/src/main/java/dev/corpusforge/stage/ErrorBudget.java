package dev.corpusforge.stage;

import dev.corpusforge.config.ErrorBudgetConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Fails a stage whose programming errors ({@code <step>:error} and {@code <reader>:error} rejects) pass the budget of
 * {@link ErrorBudgetConfig}: a bug must not pass for bad data. Checked once the stage's counts are known; the message
 * names each failing step or reader with its count and a few document ids, and where their rejects are.
 */
public final class ErrorBudget {
  /** Reject reasons of this suffix are programming errors. */
  public static final String ERROR_SUFFIX = ":error";

  /** Thrown when a stage is over its error budget; the CLI prints the message and exits non-zero. */
  public static final class Exceeded extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }

  private ErrorBudget() {}

  /** The errors among a count's rejects, by reason. */
  public static Map<String, Long> errors(StageCounts.Group total) {
    Map<String, Long> errors = new TreeMap<>();
    total.rejectedByReason.forEach((reason, n) -> {
      if (reason.endsWith(ERROR_SUFFIX)) errors.put(reason, n);
    });
    return errors;
  }

  /** Whether {@code errors} out of {@code records} read pass the budget. */
  static boolean exceeded(long errors, long records, ErrorBudgetConfig budget) {
    if (errors == 0) return false;
    return records < budget.minRecords || errors > budget.maxFraction * records;
  }

  /**
   * Throws {@link Exceeded} when this run's errors pass the budget; {@code sampleIds} gives a few ids of the error
   * rejects (only asked for then).
   */
  public static void check(String stage, StageCounts.Group thisRun, ErrorBudgetConfig budget, String rejects,
                           Supplier<List<String>> sampleIds) {
    Map<String, Long> errors = errors(thisRun);
    long count = errors.values().stream().mapToLong(Long::longValue).sum();
    if (!exceeded(count, thisRun.read, budget)) return;
    String limit = thisRun.read < budget.minRecords
        ? "any error fails a stage of under " + budget.minRecords + " records (errorBudget.minRecords)"
        : String.format("the budget is %.3f%% of %,d records (errorBudget.maxFraction)", 100 * budget.maxFraction,
            thisRun.read);
    throw new Exceeded(String.format("%s failed: %,d documents hit a programming error %s; %s. These are bugs, not "
        + "bad data: each reject in %s holds its exception in reject_details (e.g. ids %s).",
        stage, count, errors, limit, rejects, String.join(", ", sampleIds.get())));
  }
}
