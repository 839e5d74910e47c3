package dev.corpusforge.shard;

import dev.corpusforge.io.HadoopConf;
import dev.corpusforge.shards.LlmcShard;
import dev.corpusforge.shards.MegatronIndexedDataset;
import dev.corpusforge.shards.ShardManifest;
import dev.corpusforge.shards.TokenDType;
import java.io.IOException;
import java.io.Serializable;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one shard, on an executor, from its documents in order: each document's tokens then the end-of-text id, in
 * the configured format, hashing the bytes as they go out; fails on a document that already holds end-of-text unless
 * the tokens were made with special tokens allowed. Returns the manifest entry.
 */
final class ShardFiles implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String dir;
  private final String format;
  private final String dtype;
  private final int endOfText;
  /** Whether documents were tokenized with special tokens allowed; if not, end-of-text inside one is a bug. */
  private final boolean specialTokensAllowed;
  private final HadoopConf conf;
  /** Global shard number → (split, number within split, documents, tokens), from the plan. */
  private final Map<Integer, long[]> plan;

  ShardFiles(String dir, String format, TokenDType dtype, int endOfText, boolean specialTokensAllowed, HadoopConf conf,
             Map<Integer, long[]> plan) {
    this.dir = dir;
    this.format = format;
    this.dtype = dtype.numpyName();
    this.endOfText = endOfText;
    this.specialTokensAllowed = specialTokensAllowed;
    this.conf = conf;
    this.plan = plan;
  }

  static String split(long code) { return code == 1 ? ShardManifest.VAL : ShardManifest.TRAIN; }

  /** An open shard: feed documents, then {@link #finish()}. */
  final class Open {
    private final ShardManifest.Shard entry = new ShardManifest.Shard();
    private final DigestOutputStream bin;
    private final DigestOutputStream idx;
    private final MegatronIndexedDataset.Writer megatron;
    private final LlmcShard.Writer llmc;

    Open(int global) throws IOException {
      long[] p = plan.get(global);
      entry.split = split(p[0]);
      entry.format = format;
      String prefix = entry.split + "/shard-" + String.format("%05d", p[1]);
      entry.path = prefix + ".bin";
      FileSystem fs = new Path(dir).getFileSystem(conf.get());
      bin = new DigestOutputStream(fs.create(new Path(dir, entry.path), true), sha256());
      if (ShardManifest.LLMC.equals(format)) {
        TokenDType t = TokenDType.ofName(dtype);
        llmc = new LlmcShard.Writer(bin, t == TokenDType.UINT16 ? LlmcShard.Variant.GPT2 : LlmcShard.Variant.LLAMA3, p[3]);
        megatron = null;
        idx = null;
      } else {
        entry.index = prefix + ".idx";
        idx = new DigestOutputStream(fs.create(new Path(dir, entry.index), true), sha256());
        megatron = new MegatronIndexedDataset.Writer(bin, idx, TokenDType.ofName(dtype));
        llmc = null;
      }
    }

    void add(String id, List<Integer> tokens) throws IOException {
      // A reader splits documents at end-of-text: one inside a document would cut it in two.
      if (!specialTokensAllowed && tokens.contains(endOfText)) {
        throw new IllegalStateException("document " + id + " holds the end-of-text id " + endOfText + " at token "
            + tokens.indexOf(endOfText) + " though tokenize.allowSpecialTokens is false; rerun `bin/corpusforge tokenize`");
      }
      if (megatron != null) {
        for (int t : tokens) megatron.add(t);
        megatron.add(endOfText);
        megatron.endDocument();
      } else {
        for (int t : tokens) llmc.add(t);
        llmc.add(endOfText);
        llmc.endDocument();
      }
      entry.documents++;
      entry.tokens += tokens.size() + 1;
    }

    ShardManifest.Shard finish() throws IOException {
      if (megatron != null) megatron.close(); else llmc.close();
      entry.sha256 = HexFormat.of().formatHex(bin.getMessageDigest().digest());
      if (idx != null) entry.indexSha256 = HexFormat.of().formatHex(idx.getMessageDigest().digest());
      return entry;
    }
  }

  Open open(int global) throws IOException { return new Open(global); }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
