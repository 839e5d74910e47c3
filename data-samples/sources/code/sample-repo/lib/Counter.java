package lib;

/** A counter that never goes below zero. */
public final class Counter {
  private long value;

  public void add(long n) {
    value = Math.max(0, value + n);
  }

  public long value() {
    return value;
  }
}
