package dev.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corpusforge.testing.SparkTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LshCandidatePairsTest {
  private static final StructType MEMBERS = new StructType().add("id", DataTypes.StringType)
      .add("bands", DataTypes.createArrayType(DataTypes.LongType, false));

  /** Three documents share band key 1, five share band key 2, one is alone with band key 3. */
  private static Dataset<Row> members() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) rows.add(RowFactory.create("a" + i, List.of(1L, 100L + i)));
    for (int i = 0; i < 5; i++) rows.add(RowFactory.create("b" + i, List.of(2L, 200L + i)));
    rows.add(RowFactory.create("c", List.of(3L, 300L)));
    return SparkTests.spark().createDataFrame(rows, MEMBERS).repartition(3);
  }

  private static Set<String> edges(int pairwiseUpTo) {
    Set<String> out = new TreeSet<>();
    for (var e : LshCandidatePairs.of(members(), pairwiseUpTo, 2).collect()) out.add(e._1() + ">" + e._2());
    return out;
  }

  private static long key(String id) {
    return NodeKeys.of(id);
  }

  @Test
  void smallBucketsGiveAllPairsAndLargeOnesAStarAroundTheirSmallestKey() {
    Set<String> expected = new TreeSet<>();
    addAllPairs(expected, List.of("a0", "a1", "a2"));
    long center = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) center = Math.min(center, key("b" + i));
    for (int i = 0; i < 5; i++) if (key("b" + i) != center) expected.add(key("b" + i) + ">" + center);
    assertEquals(expected, edges(3));

    addAllPairs(expected, List.of("b0", "b1", "b2", "b3", "b4"));
    assertEquals(expected, edges(5), "a bucket of exactly pairwiseUpTo documents gives all its pairs");
  }

  private static void addAllPairs(Set<String> out, List<String> ids) {
    for (String x : ids) {
      for (String y : ids) if (key(x) > key(y)) out.add(key(x) + ">" + key(y));
    }
  }

  @Test
  void keysAreFilteredTheSameByBroadcastAndByJoin() {
    JavaRDD<Long> wanted = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext())
        .parallelize(List.of(key("a1"), key("b3"), key("zz")), 2);
    Dataset<Row> ids = members().select("id");
    Set<String> broadcast = new TreeSet<>();
    for (Row r : NodeKeys.restrict(ids, wanted).collectAsList()) broadcast.add(r.getString(r.fieldIndex("id")) + "=" + r.getLong(r.fieldIndex("key")));
    Set<String> joined = new TreeSet<>();
    for (Row r : NodeKeys.restrict(ids, wanted, 0).collectAsList()) joined.add(r.getString(r.fieldIndex("id")) + "=" + r.getLong(r.fieldIndex("key")));
    assertEquals(Set.of("a1=" + key("a1"), "b3=" + key("b3")), broadcast);
    assertEquals(broadcast, joined);
  }
}
