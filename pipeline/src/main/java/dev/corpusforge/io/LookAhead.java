package dev.corpusforge.io;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that reads one element ahead: a subclass says how to read the next element (null when there is none),
 * and this class does the bookkeeping every streaming reader needs: {@code hasNext} may be called any number of
 * times, {@code next} hands over what was read, and nothing is read again after the end.
 */
public abstract class LookAhead<T> implements Iterator<T> {
  private T pending;
  private boolean done;

  /** The next element, or null at the end. */
  protected abstract T read();

  @Override public final boolean hasNext() {
    if (pending == null && !done) {
      pending = read();
      done = pending == null;
    }
    return pending != null;
  }

  @Override public final T next() {
    if (!hasNext()) throw new NoSuchElementException();
    T t = pending;
    pending = null;
    return t;
  }
}
