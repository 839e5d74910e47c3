package dev.corpusforge.dedup;

import dev.corpusforge.config.DedupConfig;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One pass over the documents that computes everything the dedup decisions need, so that they run on a narrow table
 * (about 200 bytes a document) instead of shuffling texts: text length, exact-text key, URL key, LSH band keys and
 * line hashes. Hashing runs in mapPartitions with one tokenizer, signature buffer and line hasher per partition.
 */
final class DedupKeys {
  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, true)
      .add("length", DataTypes.IntegerType, false)
      .add("exact", DataTypes.StringType, true)
      .add("url", DataTypes.StringType, true)
      .add("bands", DataTypes.createArrayType(DataTypes.LongType, false), false)
      .add("lines", DataTypes.createArrayType(DataTypes.LongType, false), false);

  private DedupKeys() {}

  static Dataset<Row> of(Dataset<Row> docs, DedupConfig config) {
    int idCol = docs.schema().fieldIndex("id");
    int sourceCol = docs.schema().fieldIndex("source");
    int textCol = docs.schema().fieldIndex("text");
    int urlCol = docs.schema().fieldIndex("url");
    MapPartitionsFunction<Row, Row> keys = rows -> {
      Shingles shingles = new Shingles(config.near);
      MinHashSignatures minhash = config.near.enabled ? new MinHashSignatures(config.near) : null;
      LineHashes lines = new LineHashes(config.lines.minLineChars);
      List<String> urlSources = config.url.sources;
      List<String> lineExcluded = config.lines.excludeSources;
      long[] none = new long[0];
      return new java.util.Iterator<Row>() {
        @Override public boolean hasNext() {
          return rows.hasNext();
        }

        @Override public Row next() {
          Row r = rows.next();
          String source = r.getString(sourceCol);
          String text = r.isNullAt(textCol) ? "" : r.getString(textCol);
          shingles.scan(text);
          String url = config.url.enabled && urlSources.contains(source) ? UrlKeys.normalize(r.getString(urlCol)) : null;
          long[] bands = minhash == null ? none : minhash.bandKeys(shingles.hashes(), shingles.count());
          long[] lineHashes = config.lines.enabled && !lineExcluded.contains(source) ? lines.distinct(text) : none;
          return RowFactory.create(r.getString(idCol), source, text.length(),
              config.exact.enabled ? shingles.exactKey() : null, url, bands, lineHashes);
        }
      };
    };
    return docs.mapPartitions(keys, Encoders.row(SCHEMA));
  }
}
