package dev.corpusforge.fasttext;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A fastText supervised model ({@code .bin}, or {@code .ftz} after {@code fasttext quantize}) read in pure Java, and
 * its label probabilities for a text, equal to {@code fasttext predict-prob} and the Python {@code predict}. The file,
 * little-endian, as fastText 0.9 writes it (src/fasttext.cc, args.cc, dictionary.cc, densematrix.cc,
 * quantmatrix.cc, productquantizer.cc):
 * <pre>
 *   int32  magic 793712314, int32 version (≤ 12; 11 = old supervised models without char n-grams)
 *   args   int32 dim, ws, epoch, minCount, neg, wordNgrams, loss (1 hs, 2 ns, 3 softmax, 4 ova),
 *          model (1 cbow, 2 skipgram, 3 supervised), bucket, minn, maxn, lrUpdateRate; float64 t
 *   dictionary (see {@link FastTextDictionary})
 *   bool   quantized input; the input matrix, {@link DenseMatrix} or {@link QuantizedMatrix}
 *   bool   quantized output; the output matrix (labels x dim, or inner nodes x dim for hs), likewise
 * </pre>
 * A document's score: the input rows of its words and n-grams are averaged into a hidden vector, which the head
 * (softmax, hierarchical softmax or one-vs-all sigmoids) turns into per-label values. fastText reports
 * {@code exp(log(p + 1e-5))}; so does this reader, to agree with the tools models are published for.
 */
public final class FastTextModel {
  private static final int MAGIC = 793712314;
  private static final int MAX_VERSION = 12;
  private static final int LOSS_HS = 1;
  private static final int LOSS_SOFTMAX = 3;
  private static final int LOSS_OVA = 4;
  private static final int MODEL_SUPERVISED = 3;
  private static final int SIGMOID_TABLE_SIZE = 512;
  private static final int MAX_SIGMOID = 8;
  private static final float[] SIGMOID = sigmoidTable();

  /** The training arguments the model file keeps; only the ones that shape prediction are used. */
  static final class Args {
    int dim;
    int wordNgrams;
    int loss;
    int model;
    int bucket;
    int minn;
    int maxn;

    static Args read(LittleEndianInput in) throws IOException {
      Args a = new Args();
      a.dim = in.readInt();
      in.readInt(); // ws
      in.readInt(); // epoch
      in.readInt(); // minCount
      in.readInt(); // neg
      a.wordNgrams = in.readInt();
      a.loss = in.readInt();
      a.model = in.readInt();
      a.bucket = in.readInt();
      a.minn = in.readInt();
      a.maxn = in.readInt();
      in.readInt(); // lrUpdateRate
      in.readDouble(); // t
      return a;
    }
  }

  private final Args args;
  private final FastTextDictionary dictionary;
  private final FastTextMatrix input;
  private final FastTextMatrix output;
  private final HierarchicalSoftmax tree;
  private final String[] labels;

  private FastTextModel(Args args, FastTextDictionary dictionary, FastTextMatrix input, FastTextMatrix output) {
    this.args = args;
    this.dictionary = dictionary;
    this.input = input;
    this.output = output;
    this.tree = args.loss == LOSS_HS ? new HierarchicalSoftmax(dictionary.labelCounts()) : null;
    this.labels = new String[dictionary.nlabels()];
    for (int i = 0; i < labels.length; i++) labels[i] = dictionary.label(i);
  }

  /** Reads a model from any Hadoop path ({@code file://}, {@code hdfs://}, {@code s3a://}). */
  public static FastTextModel load(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return read(in, path);
    }
  }

  public static FastTextModel read(InputStream stream, String name) throws IOException {
    LittleEndianInput in = new LittleEndianInput(new BufferedInputStream(stream, 1 << 16));
    if (in.readInt() != MAGIC) throw new IllegalArgumentException(name + " is not a fastText model (wrong magic number)");
    int version = in.readInt();
    if (version > MAX_VERSION) {
      throw new IllegalArgumentException(name + ": fastText file format version " + version + " is newer than " + MAX_VERSION);
    }
    Args args = Args.read(in);
    if (args.model != MODEL_SUPERVISED) {
      throw new IllegalArgumentException(name + " is a word-vector model (cbow/skipgram), not a supervised classifier");
    }
    if (args.loss != LOSS_HS && args.loss != LOSS_SOFTMAX && args.loss != LOSS_OVA) {
      throw new IllegalArgumentException(name + ": loss " + args.loss + " (negative sampling) has no label probabilities");
    }
    if (version == 11) args.maxn = 0;
    FastTextDictionary dictionary = FastTextDictionary.read(in, args);
    FastTextMatrix input = in.readBool() ? QuantizedMatrix.read(in) : DenseMatrix.read(in);
    FastTextMatrix output = in.readBool() ? QuantizedMatrix.read(in) : DenseMatrix.read(in);
    if (input.cols() != args.dim || output.cols() != args.dim) {
      throw new IllegalArgumentException(name + ": matrix width does not match dim " + args.dim);
    }
    return new FastTextModel(args, dictionary, input, output);
  }

  /** The labels in the model's order, e.g. {@code __label__en}; {@link Predictor#predict} fills scores in this order. */
  public String[] labels() {
    return labels.clone();
  }

  /** The index of {@code label}, or -1. */
  public int labelIndex(String label) {
    return Arrays.asList(labels).indexOf(label);
  }

  /** A predictor with its own buffers: one per thread (or Spark partition); the model itself is shared. */
  public Predictor predictor() {
    return new Predictor();
  }

  public final class Predictor {
    private final FastTextDictionary.Line line = new FastTextDictionary.Line();
    private final float[] hidden = new float[args.dim];
    private final float[] scores = new float[labels.length];

    /**
     * Every label's probability for {@code text}, read as one line (line breaks count as spaces), into a buffer
     * reused by the next call.
     */
    public float[] predict(String text) {
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      dictionary.line(bytes, bytes.length, line);
      Arrays.fill(hidden, 0f);
      for (int i = 0; i < line.size; i++) input.addRowTo(hidden, line.rows[i]);
      float inv = (float) (1.0 / line.size);
      for (int j = 0; j < hidden.length; j++) hidden[j] *= inv;
      if (tree != null) {
        tree.predict(output, hidden, scores);
        return scores;
      }
      for (int i = 0; i < scores.length; i++) scores[i] = output.dotRow(hidden, i);
      if (args.loss == LOSS_OVA) {
        for (int i = 0; i < scores.length; i++) scores[i] = sigmoid(scores[i]);
      } else {
        softmax(scores);
      }
      for (int i = 0; i < scores.length; i++) scores[i] = (float) Math.exp(stdLog(scores[i]));
      return scores;
    }
  }

  private static void softmax(float[] out) {
    float max = out[0];
    for (float v : out) max = Math.max(v, max);
    float z = 0f;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.exp(out[i] - max);
      z += out[i];
    }
    for (int i = 0; i < out.length; i++) out[i] /= z;
  }

  static float stdLog(float x) {
    return (float) Math.log(x + 1e-5);
  }

  /** fastText's one-vs-all heads use its 512-entry sigmoid table over [-8, 8], not the exact sigmoid. */
  private static float sigmoid(float x) {
    if (x < -MAX_SIGMOID) return 0f;
    if (x > MAX_SIGMOID) return 1f;
    return SIGMOID[(int) ((x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2)];
  }

  private static float[] sigmoidTable() {
    float[] t = new float[SIGMOID_TABLE_SIZE + 1];
    for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
      float x = (float) (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
      t[i] = (float) (1.0 / (1.0 + Math.exp(-x)));
    }
    return t;
  }
}
