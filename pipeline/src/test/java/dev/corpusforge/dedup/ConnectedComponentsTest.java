package dev.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.testing.SparkTests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class ConnectedComponentsTest {
  private static final StructType EDGES = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType);

  @Test
  void chainsAndStarsEndInOneClusterEachLabelledByTheirSmallestId() throws Exception {
    // A path of 40 nodes whose ids are shuffled (so the smallest id sits anywhere on it), a star, and a lone pair.
    List<String> path = new ArrayList<>();
    for (int i = 0; i < 40; i++) path.add(String.format("p%03d", i));
    Collections.shuffle(path, new Random(7));
    List<Row> edges = new ArrayList<>();
    for (int i = 1; i < path.size(); i++) edges.add(RowFactory.create(path.get(i - 1), path.get(i)));
    for (int i = 1; i <= 5; i++) edges.add(RowFactory.create("s0", "s" + i));
    edges.add(RowFactory.create("x2", "x1"));
    edges.add(RowFactory.create("x1", "x2"));

    ConnectedComponents.Labelled result = ConnectedComponents.ofIds(SparkTests.spark(),
        SparkTests.spark().createDataFrame(edges, EDGES), 60);

    Map<String, String> cluster = new HashMap<>();
    for (Row r : result.members().collectAsList()) assertEquals(null, cluster.put(r.getString(0), r.getString(1)));
    assertEquals(40 + 6 + 2, cluster.size());
    for (String p : path) assertEquals("p000", cluster.get(p), p);
    for (int i = 0; i <= 5; i++) assertEquals("s0", cluster.get("s" + i));
    assertEquals("x1", cluster.get("x2"));
    assertEquals("x1", cluster.get("x1"));
    assertTrue(result.rounds() > 1, "a shuffled path of 40 needs several rounds, took " + result.rounds());
  }

  @Test
  void theDriverRoundsFindTheSameRootsInTheSameNumberOfRoundsAsTheSparkRounds() {
    // Random sparse graphs (chains, stars, repeated and reversed edges, self-loops) over keys spread over all longs.
    Random random = new Random(12);
    for (int graph = 0; graph < 4; graph++) {
      int nodes = 50 + graph * 150;
      long[] keys = new long[nodes];
      for (int i = 0; i < nodes; i++) keys[i] = random.nextLong();
      int n = nodes;
      long[] src = new long[n];
      long[] dst = new long[n];
      List<Tuple2<Long, Long>> edges = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        src[i] = keys[random.nextInt(nodes)];
        dst[i] = keys[random.nextInt(nodes)];
        edges.add(new Tuple2<>(src[i], dst[i]));
      }
      ConnectedComponents.Result spark = ConnectedComponents.run(
          JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext()).parallelizePairs(edges, 3), 3, 60);
      Map<Long, Long> expected = new HashMap<>(spark.roots().collectAsMap());
      spark.release();

      ConnectedComponents.Local local = ConnectedComponents.runLocal(src, dst, 60);
      Map<Long, Long> found = new HashMap<>();
      for (int i = 0; i < local.nodes().length; i++) found.put(local.nodes()[i], local.roots()[i]);
      assertEquals(expected, found, "graph " + graph);
      assertEquals(spark.rounds(), local.rounds(), "graph " + graph);
      assertTrue(local.rounds() > 1, "graph " + graph + " took " + local.rounds() + " rounds");
    }
  }
}
