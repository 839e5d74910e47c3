package dev.corpusforge.clean;

import dev.corpusforge.config.CleanConfig;

/**
 * Caps the work one regular-expression scan may spend on one document. java.util.regex backtracks, so a pattern
 * that is linear on ordinary text can still be driven into long scans by text built against it; rather than trust
 * every pattern's analysis, each scan reads its text through {@link #meter}, which counts character reads (the unit
 * of a backtracking matcher's work) and throws {@link Exceeded} past {@code floor + perChar * length}. The document
 * is then rejected as {@code clean:regex-budget} naming the rule; the task goes on.
 */
public final class RegexBudget {
  private final double perChar;
  private final long floor;

  public RegexBudget(CleanConfig.Limits limits) {
    this.perChar = limits.regexWorkPerChar;
    this.floor = limits.regexWorkFloor;
  }

  /** The budget of one scan over {@code chars} characters. */
  public long budget(int chars) {
    double b = floor + perChar * chars;
    return b >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) b;
  }

  /** {@code text} for a matcher, with every character read by it counted against this scan's budget. */
  public CharSequence meter(String text, String rule) {
    return new Metered(text, budget(text.length()), rule);
  }

  /** Thrown by a metered text when a scan has read more characters than its budget allows. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final String rule;
    public final int chars;
    public final long budget;

    Exceeded(String rule, int chars, long budget) {
      super("regex " + rule + " read more than " + budget + " characters on a " + chars + "-character text; "
          + "raise clean.limits.regexWorkPerChar to allow it", null, false, false);
      this.rule = rule;
      this.chars = chars;
      this.budget = budget;
    }
  }

  private static final class Metered implements CharSequence {
    private final String text;
    private final long budget;
    private final String rule;
    private long reads;

    Metered(String text, long budget, String rule) {
      this.text = text;
      this.budget = budget;
      this.rule = rule;
    }

    @Override public char charAt(int index) {
      if (++reads > budget) throw new Exceeded(rule, text.length(), budget);
      return text.charAt(index);
    }

    @Override public int length() { return text.length(); }

    // Group extraction and copying read through here: not matcher work, so not counted.
    @Override public CharSequence subSequence(int start, int end) { return text.subSequence(start, end); }

    @Override public String toString() { return text; }
  }
}
