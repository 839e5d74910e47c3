package dev.corpusforge.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Distributed connected components by alternating large-star and small-star (Kiveris et al., "Connected Components
 * in MapReduce and Beyond", SoCC 2014): every round is a few joins and aggregations on the edge list, never a graph
 * on the driver, and the graph converges in O(log^2 n) rounds to one star per component around its smallest id.
 * Each round's edges are written to the work folder and read back, which truncates the lineage (a rerun of a lost
 * task recomputes one round, not all of them) and keeps the plans small.
 */
final class ConnectedComponents {
  /** What a run produced: (id, cluster) for every node of an edge, cluster = the smallest id of its component. */
  record Result(Dataset<Row> members, int rounds) {}

  private ConnectedComponents() {}

  static Result run(SparkSession spark, Dataset<Row> edges, Path work, int maxRounds) throws IOException {
    FileSystem fs = work.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.delete(work, true);
    Dataset<Row> current = materialize(edges.select(col("src"), col("dst")).filter(col("src").notEqual(col("dst"))),
        new Path(work, "round-0"));
    int round = 0;
    while (!isStarForest(current)) {
      if (round == maxRounds) {
        throw new IllegalStateException("connected components did not converge in " + maxRounds
            + " rounds; raise dedup.near.maxIterations");
      }
      round++;
      current = materialize(smallStar(largeStar(current)), new Path(work, "round-" + round));
      fs.delete(new Path(work, "round-" + (round - 1)), true);
    }
    Dataset<Row> members = current.select(col("src").as("id"), col("dst").as("cluster"))
        .union(current.select(col("dst").as("id"), col("dst").as("cluster")))
        .distinct();
    return new Result(members, round);
  }

  /** Links every larger neighbour of each node to the smallest node of its neighbourhood. */
  static Dataset<Row> largeStar(Dataset<Row> edges) {
    Dataset<Row> both = edges.select(col("src").as("u"), col("dst").as("v"))
        .union(edges.select(col("dst").as("u"), col("src").as("v")));
    Dataset<Row> smallest = both.groupBy("u").agg(min(col("v")).as("m"))
        .select(col("u"), least(col("m"), col("u")).as("m"));
    return both.filter(col("v").gt(col("u"))).join(smallest, "u")
        .select(col("v").as("src"), col("m").as("dst"))
        .distinct();
  }

  /** Links each node and its smaller neighbours to the smallest of them. */
  static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> down = edges.select(greatest(col("src"), col("dst")).as("u"), least(col("src"), col("dst")).as("v"))
        .filter(col("u").notEqual(col("v")));
    Dataset<Row> smallest = down.groupBy("u").agg(min(col("v")).as("m"));
    Dataset<Row> joined = down.join(smallest, "u");
    return joined.filter(col("v").notEqual(col("m"))).select(col("v").as("src"), col("m").as("dst"))
        .union(smallest.select(col("u").as("src"), col("m").as("dst")))
        .distinct();
  }

  /** Converged when every node points to at most one node and no pointed-to node points anywhere: one star each. */
  static boolean isStarForest(Dataset<Row> edges) {
    Dataset<Row> degrees = edges.select(col("src").as("n"), lit(1L).as("out"), lit(0L).as("in"))
        .union(edges.select(col("dst").as("n"), lit(0L).as("out"), lit(1L).as("in")))
        .groupBy("n").agg(sum(col("out")).as("out"), sum(col("in")).as("in"));
    return degrees.filter(col("out").gt(1).or(col("out").geq(1).and(col("in").geq(1)))).isEmpty();
  }

  private static Dataset<Row> materialize(Dataset<Row> edges, Path path) {
    edges.write().mode(SaveMode.Overwrite).parquet(path.toString());
    return edges.sparkSession().read().parquet(path.toString());
  }
}
