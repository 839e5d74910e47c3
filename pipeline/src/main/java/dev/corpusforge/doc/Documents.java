package dev.corpusforge.doc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.StructType;

/** The document encoder and schema, and the stable-id rule. */
public final class Documents {
  public static final Encoder<Document> ENCODER = Encoders.bean(Document.class);
  public static final StructType SCHEMA = ENCODER.schema();

  private Documents() {}

  /**
   * A stable id: the first 128 bits of SHA-256 over source and natural key (WARC-Record-ID, wiki/page id, repo/path,
   * the record's own id), in hex. Independent of paths and partitioning, so reruns and moved inputs keep their ids.
   */
  public static String stableId(String source, String naturalKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(source.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(naturalKey.getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha.digest();
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
