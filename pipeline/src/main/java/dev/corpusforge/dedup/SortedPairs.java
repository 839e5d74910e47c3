package dev.corpusforge.dedup;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Pairs of longs shuffled by their first value and sorted by (first, second) within each partition, so that a
 * partition can be scanned as runs of equal first values in ascending second order: the primitive behind LSH buckets
 * and the large-star / small-star steps. A sort-based shuffle spills, so a run of any length costs time, not memory.
 */
final class SortedPairs {
  private SortedPairs() {}

  static JavaRDD<Tuple2<Long, Long>> sort(JavaPairRDD<Long, Long> pairs, int partitions) {
    return pairs.mapToPair(p -> new Tuple2<>(p, Boolean.TRUE))
        .repartitionAndSortWithinPartitions(new ByFirst(partitions), new Order())
        .keys();
  }

  static int partitions(org.apache.spark.api.java.JavaRDDLike<?, ?> input) {
    return Math.max(input.getNumPartitions(), input.context().defaultParallelism());
  }

  /** Lexicographic order of (first, second). */
  static final class Order implements Comparator<Tuple2<Long, Long>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override public int compare(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
      int c = Long.compare(a._1(), b._1());
      return c != 0 ? c : Long.compare(a._2(), b._2());
    }
  }

  /** Partitions by the first value only, so that a run is never split. */
  static final class ByFirst extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    ByFirst(int partitions) {
      this.partitions = partitions;
    }

    @Override public int numPartitions() {
      return partitions;
    }

    @SuppressWarnings("unchecked")
    @Override public int getPartition(Object key) {
      long first = ((Tuple2<Long, Long>) key)._1();
      return (int) Math.floorMod(first ^ (first >>> 29), (long) partitions);
    }

    @Override public boolean equals(Object o) {
      return o instanceof ByFirst b && b.partitions == partitions;
    }

    @Override public int hashCode() {
      return partitions;
    }
  }

  /**
   * Scans sorted pairs run by run, skipping repeated pairs; subclasses see each distinct pair and the end of each run
   * and emit output pairs, which are handed on lazily (the buffer holds one run's output at most).
   */
  abstract static class RunScan implements Iterator<Tuple2<Long, Long>> {
    private final Iterator<Tuple2<Long, Long>> in;
    private final ArrayDeque<Tuple2<Long, Long>> out = new ArrayDeque<>();
    private boolean started;
    private boolean done;
    private long first;
    private long second;

    RunScan(Iterator<Tuple2<Long, Long>> in) {
      this.in = in;
    }

    /** The first pair of a run (its second value is the run's smallest). */
    abstract void start(long first, long second);

    /** A further distinct pair of the current run. */
    abstract void next(long first, long second);

    abstract void end();

    final void emit(long a, long b) {
      out.add(new Tuple2<>(a, b));
    }

    @Override public final boolean hasNext() {
      while (out.isEmpty() && !done) {
        if (!in.hasNext()) {
          if (started) end();
          done = true;
          break;
        }
        Tuple2<Long, Long> p = in.next();
        long f = p._1();
        long s = p._2();
        if (!started || f != first) {
          if (started) end();
          started = true;
          start(f, s);
        } else if (s != second) {
          next(f, s);
        }
        first = f;
        second = s;
      }
      return !out.isEmpty();
    }

    @Override public final Tuple2<Long, Long> next() {
      if (!hasNext()) throw new NoSuchElementException();
      return out.poll();
    }
  }
}
