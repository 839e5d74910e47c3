package dev.corpusforge.tokenize;

import java.util.Arrays;

/** A growable int array the encoder appends token ids to, reused across documents. */
public final class TokenBuffer {
  private int[] data = new int[1024];
  private int size;

  public void add(int v) {
    if (size == data.length) data = Arrays.copyOf(data, size * 2);
    data[size++] = v;
  }

  void addAll(int[] v) {
    if (size + v.length > data.length) data = Arrays.copyOf(data, Math.max(size * 2, size + v.length));
    System.arraycopy(v, 0, data, size, v.length);
    size += v.length;
  }

  public int size() { return size; }
  public int get(int i) { return data[i]; }
  public void clear() { size = 0; }
  public int[] toArray() { return Arrays.copyOf(data, size); }
}
