package dev.corpusforge.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Distributed connected components by alternating large-star and small-star (Kiveris et al., "Connected Components
 * in MapReduce and Beyond", SoCC 2014) on edges between 64-bit keys: each step is one sorted shuffle of the edge list
 * scanned node by node ({@link SortedPairs}), never a graph on the driver, and the graph converges in O(log^2 n)
 * rounds to one star per component around its smallest key. Each round's edges are persisted (memory, spilling to
 * disk) and checked for being a star forest by one aggregation; the previous round is then dropped.
 */
final class ConnectedComponents {
  /**
   * (node, root) for every node of an edge, root = the smallest key of its component; the rounds it took; and the
   * last round's edges, persisted until {@link #release()} (call it once the roots have been written).
   */
  record Result(JavaPairRDD<Long, Long> roots, int rounds, JavaPairRDD<Long, Long> edges) {
    void release() {
      edges.unpersist(false);
    }
  }

  private ConnectedComponents() {}

  /** {@code edges}: (src, dst), any orientation, repeats allowed. */
  static Result run(JavaPairRDD<Long, Long> edges, int partitions, int maxRounds) {
    JavaPairRDD<Long, Long> current = edges.filter(e -> !e._1().equals(e._2()))
        .mapToPair(e -> e._1() > e._2() ? e : e.swap())
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    int round = 0;
    boolean converged = isStarForest(current, partitions);
    while (!converged) {
      if (round == maxRounds) {
        current.unpersist(false);
        throw new IllegalStateException("connected components did not converge in " + maxRounds
            + " rounds; raise dedup.near.maxIterations");
      }
      round++;
      JavaPairRDD<Long, Long> next = smallStar(largeStar(current, partitions), partitions)
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
      // The check computes the new round from the cached one, which can then go.
      converged = isStarForest(next, partitions);
      current.unpersist(false);
      current = next;
    }
    JavaPairRDD<Long, Long> roots = current
        .flatMapToPair(e -> List.of(e, new Tuple2<>(e._2(), e._2())).iterator())
        .reduceByKey(Math::min, partitions);
    return new Result(roots, round, current);
  }

  /** Links every larger neighbour of each node to the smallest node of its neighbourhood (itself included). */
  static JavaPairRDD<Long, Long> largeStar(JavaPairRDD<Long, Long> edges, int partitions) {
    JavaPairRDD<Long, Long> both = edges.flatMapToPair(e -> List.of(e, e.swap()).iterator());
    return SortedPairs.sort(both, partitions).mapPartitions(sorted -> (Iterator<Tuple2<Long, Long>>) new SortedPairs.RunScan(sorted) {
      private long node;
      private long smallest;

      @Override void start(long u, long v) {
        node = u;
        smallest = Math.min(u, v);
        next(u, v);
      }

      @Override void next(long u, long v) {
        if (v > node) emit(v, smallest);
      }

      @Override void end() {}
    }).mapToPair(e -> e);
  }

  /** Links each node and its smaller neighbours to the smallest of them; edges come out as (larger, smaller). */
  static JavaPairRDD<Long, Long> smallStar(JavaPairRDD<Long, Long> edges, int partitions) {
    JavaPairRDD<Long, Long> down = edges.filter(e -> !e._1().equals(e._2())).mapToPair(e -> e._1() > e._2() ? e : e.swap());
    return SortedPairs.sort(down, partitions).mapPartitions(sorted -> (Iterator<Tuple2<Long, Long>>) new SortedPairs.RunScan(sorted) {
      private long smallest;

      @Override void start(long u, long v) {
        smallest = v;
        emit(u, v);
      }

      @Override void next(long u, long v) {
        emit(v, smallest);
      }

      @Override void end() {}
    }).mapToPair(e -> e);
  }

  /**
   * Converged when every node points to at most one node and no pointed-to node points anywhere: one star each.
   * Per node: the smallest and largest node it points to, and whether anything points to it.
   */
  static boolean isStarForest(JavaPairRDD<Long, Long> edges, int partitions) {
    return edges.flatMapToPair(e -> List.of(
            new Tuple2<>(e._1(), new long[] {e._2(), e._2(), 0}),
            new Tuple2<>(e._2(), new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 1})).iterator())
        .reduceByKey((a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1]), a[2] | b[2]}, partitions)
        .filter(n -> n._2()[0] != Long.MAX_VALUE && (n._2()[0] != n._2()[1] || n._2()[2] == 1))
        .isEmpty();
  }

  /** {@link #run}'s outcome computed on the driver: each node of an edge (sorted) with its root, and the rounds. */
  record Local(long[] nodes, long[] roots, int rounds) {
    /** The root of a node of the graph. */
    long rootOf(long node) {
      return roots[Arrays.binarySearch(nodes, node)];
    }
  }

  /**
   * The same rounds as {@link #run} on an edge list small enough for the driver ({@code src[i]}, {@code dst[i]}), on
   * sorted arrays of distinct edges instead of shuffles: every step depends only on the set of edges, so the roots
   * and the number of rounds are those the Spark version finds.
   */
  static Local runLocal(long[] src, long[] dst, int maxRounds) {
    Edges current = Edges.oriented(src, dst, src.length);
    int round = 0;
    boolean converged = current.isStarForest();
    while (!converged) {
      if (round == maxRounds) {
        throw new IllegalStateException("connected components did not converge in " + maxRounds
            + " rounds; raise dedup.near.maxIterations");
      }
      round++;
      current = current.largeStar().smallStar();
      converged = current.isStarForest();
    }
    // Each node's root is the smallest of itself and the nodes it points to, as run() reduces it.
    Edges candidates = new Edges(2 * current.size);
    for (int i = 0; i < current.size; i++) {
      candidates.add(current.a[i], current.b[i]);
      candidates.add(current.b[i], current.b[i]);
    }
    candidates.sortDistinct();
    long[] nodes = new long[candidates.size];
    long[] roots = new long[candidates.size];
    int n = 0;
    for (int i = 0; i < candidates.size; i++) {
      if (n > 0 && nodes[n - 1] == candidates.a[i]) continue;  // sorted: the first pair of a node holds its minimum
      nodes[n] = candidates.a[i];
      roots[n++] = candidates.b[i];
    }
    return new Local(Arrays.copyOf(nodes, n), Arrays.copyOf(roots, n), round);
  }

  /** A list of edges (a[i], b[i]) on the driver, sorted by (a, b) and made distinct before each step scans it. */
  private static final class Edges {
    long[] a;
    long[] b;
    int size;

    Edges(int capacity) {
      a = new long[Math.max(capacity, 1)];
      b = new long[Math.max(capacity, 1)];
    }

    /** Without self-loops, each edge as (larger, smaller). */
    static Edges oriented(long[] src, long[] dst, int n) {
      Edges e = new Edges(n);
      for (int i = 0; i < n; i++) {
        if (src[i] != dst[i]) e.add(Math.max(src[i], dst[i]), Math.min(src[i], dst[i]));
      }
      e.sortDistinct();
      return e;
    }

    void add(long x, long y) {
      if (size == a.length) {
        a = Arrays.copyOf(a, 2 * size);
        b = Arrays.copyOf(b, 2 * size);
      }
      a[size] = x;
      b[size++] = y;
    }

    /** The index after the run of edges that share a[start]. */
    int runEnd(int start) {
      int end = start + 1;
      while (end < size && a[end] == a[start]) end++;
      return end;
    }

    Edges largeStar() {
      Edges both = new Edges(2 * size);
      for (int i = 0; i < size; i++) {
        both.add(a[i], b[i]);
        both.add(b[i], a[i]);
      }
      both.sortDistinct();
      Edges out = new Edges(both.size);
      for (int start = 0, end; start < both.size; start = end) {
        end = both.runEnd(start);
        long node = both.a[start];
        long smallest = Math.min(node, both.b[start]);
        for (int i = start; i < end; i++) if (both.b[i] > node) out.add(both.b[i], smallest);
      }
      return out;
    }

    Edges smallStar() {
      Edges down = oriented(a, b, size);
      Edges out = new Edges(down.size);
      for (int start = 0, end; start < down.size; start = end) {
        end = down.runEnd(start);
        long smallest = down.b[start];
        out.add(down.a[start], smallest);
        for (int i = start + 1; i < end; i++) out.add(down.b[i], smallest);
      }
      return out;
    }

    /** As {@link ConnectedComponents#isStarForest}: no node points to two nodes, or points anywhere when pointed to. */
    boolean isStarForest() {
      sortDistinct();
      long[] targets = Arrays.copyOf(b, size);
      Arrays.sort(targets);
      for (int start = 0, end; start < size; start = end) {
        end = runEnd(start);
        if (b[start] != b[end - 1] || Arrays.binarySearch(targets, a[start]) >= 0) return false;
      }
      return true;
    }

    /** Sorts by (a, b) and drops repeated edges. */
    void sortDistinct() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) order[i] = i;
      Arrays.sort(order, (x, y) -> a[x] != a[y] ? Long.compare(a[x], a[y]) : Long.compare(b[x], b[y]));
      long[] sa = new long[Math.max(size, 1)];
      long[] sb = new long[Math.max(size, 1)];
      int n = 0;
      for (Integer i : order) {
        if (n > 0 && sa[n - 1] == a[i] && sb[n - 1] == b[i]) continue;
        sa[n] = a[i];
        sb[n++] = b[i];
      }
      a = sa;
      b = sb;
      size = n;
    }
  }

  /**
   * (id, cluster) of every node in {@code roots}, the cluster being the smallest id of its component: the keys' ids
   * come from {@code ids} (key, id), restricted to those nodes.
   */
  static JavaPairRDD<String, String> label(JavaPairRDD<Long, Long> roots, JavaPairRDD<Long, String> ids, int partitions) {
    JavaPairRDD<Long, String> byRoot = roots.join(ids, partitions).mapToPair(n -> n._2());
    JavaPairRDD<Long, String> smallest = byRoot.reduceByKey((a, b) -> a.compareTo(b) <= 0 ? a : b, partitions);
    return byRoot.join(smallest, partitions).mapToPair(n -> n._2());
  }

  /** Components of string-id edges (src, dst) as (id, cluster) rows, the cluster being the smallest id. */
  record Labelled(Dataset<Row> members, int rounds) {}

  static Labelled ofIds(SparkSession spark, Dataset<Row> edges, int maxRounds) {
    JavaRDD<Row> rows = edges.select("src", "dst").javaRDD();
    int partitions = SortedPairs.partitions(rows);
    JavaPairRDD<Long, Long> keyed = rows.mapToPair(r -> new Tuple2<>(NodeKeys.of(r.getString(0)), NodeKeys.of(r.getString(1))));
    JavaPairRDD<Long, String> ids = rows.flatMapToPair(r -> {
      List<Tuple2<Long, String>> out = new ArrayList<>(2);
      for (int i = 0; i < 2; i++) out.add(new Tuple2<>(NodeKeys.of(r.getString(i)), r.getString(i)));
      return out.iterator();
    }).distinct(partitions);
    Result result = run(keyed, partitions, maxRounds);
    JavaRDD<Row> labelled = label(result.roots(), ids, partitions).map(p -> RowFactory.create(p._1(), p._2()));
    return new Labelled(spark.createDataFrame(labelled,
        new StructType().add("id", DataTypes.StringType).add("cluster", DataTypes.StringType)), result.rounds());
  }
}
