package dev.corpusforge.decontaminate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The evaluation n-grams as one sorted array of hashes, broadcast to every task: a document's n-grams are looked up
 * by binary search, with no shuffle of the corpus. ~12 bytes per n-gram.
 */
final class EvalIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long[] hashes;
  private final int[] items;
  private final String[] sets;
  private final String[] ids;
  /** The n-gram lengths present, longest first: n, and the word counts of items shorter than n. */
  final int[] lengths;

  private EvalIndex(long[] hashes, int[] items, String[] sets, String[] ids, int[] lengths) {
    this.hashes = hashes;
    this.items = items;
    this.sets = sets;
    this.ids = ids;
    this.lengths = lengths;
  }

  /** From rows of {@link EvalNgrams#SCHEMA} sorted by hash. */
  static EvalIndex of(Iterator<Row> sorted, int count) {
    long[] hashes = new long[count];
    int[] items = new int[count];
    Map<String, Integer> itemIndex = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    TreeSet<Integer> lengths = new TreeSet<>();
    int i = 0;
    while (sorted.hasNext()) {
      Row r = sorted.next();
      hashes[i] = r.getLong(0);
      lengths.add(r.getInt(1));
      String key = r.getString(2) + "\u0000" + r.getString(3);
      Integer at = itemIndex.get(key);
      if (at == null) {
        at = sets.size();
        itemIndex.put(key, at);
        sets.add(r.getString(2));
        ids.add(r.getString(3));
      }
      items[i++] = at;
    }
    int[] lens = lengths.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    return new EvalIndex(Arrays.copyOf(hashes, i), Arrays.copyOf(items, i), sets.toArray(new String[0]),
        ids.toArray(new String[0]), lens);
  }

  /** The item of an n-gram hash, or -1. */
  int find(long hash) {
    int at = Arrays.binarySearch(hashes, hash);
    return at < 0 ? -1 : items[at];
  }

  String set(int item) { return sets[item]; }

  String id(int item) { return ids[item]; }

  /** Every eval n-gram occurrence in {@code text}, as (start, end, set, item), in text order. */
  List<Contamination.Match> matches(String text, NormalizedWords words) {
    words.of(text);
    List<Contamination.Match> out = new ArrayList<>();
    for (int len : lengths) {
      for (int i = 0; i + len <= words.size; i++) {
        int item = find(words.window(i, len));
        if (item >= 0) out.add(new Contamination.Match(words.starts[i], words.ends[i + len - 1], sets[item], ids[item]));
      }
    }
    return out;
  }
}
