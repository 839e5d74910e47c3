package dev.corpusforge.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The pre-token frequencies of a corpus, counted on Spark: each partition splits its texts with GPT-2's pattern and
 * counts pre-tokens (as byte-level strings) locally, then {@code reduceByKey} sums them across the cluster. Only the
 * most frequent words come back to the driver.
 */
public final class WordCounts {
  private WordCounts() {}

  public static JavaPairRDD<String, Long> count(Dataset<Row> docs, int partitions) {
    return docs.select("text").javaRDD().mapPartitionsToPair((Iterator<Row> rows) -> {
      Gpt2PreTokenizer pre = new Gpt2PreTokenizer();
      Map<String, Long> local = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (r.isNullAt(0)) continue;
        String text = r.getString(0);
        pre.split(text, 0, text.length(), (s, e) -> local.merge(ByteLevel.encode(
            text.substring(s, e).getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1L, Long::sum));
      }
      List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
      local.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
      return out.iterator();
    }).reduceByKey(Long::sum, partitions);
  }

  /** The {@code max} most frequent words (ties by word, so the choice is deterministic). */
  public static Map<String, Long> top(JavaPairRDD<String, Long> counts, int max) {
    Map<String, Long> out = new HashMap<>();
    for (Tuple2<String, Long> t : counts.top(max, new ByCount())) out.put(t._1, t._2);
    return out;
  }

  static final class ByCount implements java.util.Comparator<Tuple2<String, Long>>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override public int compare(Tuple2<String, Long> x, Tuple2<String, Long> y) {
      int c = Long.compare(x._2, y._2);
      return c != 0 ? c : y._1.compareTo(x._1);
    }
  }
}
