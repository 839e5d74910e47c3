package dev.corpusforge.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.corpusforge.testing.SparkTests;
import dev.corpusforge.tokenize.BpeEncoder;
import dev.corpusforge.tokenize.BpeModel;
import dev.corpusforge.tokenize.HuggingFaceExport;
import dev.corpusforge.tokenize.SampleTexts;
import dev.corpusforge.tokenize.Tokenizers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Single-thread encoding throughput (MB of UTF-8 per second of the thread's CPU time, i.e. per core) of our encoder,
 * jtokkit and the Hugging Face tokenizers library as Java reaches it, through DJL's JNI wrapper (each call crosses
 * into Rust and copies the ids back), on one mixed corpus: Wikipedia markup (English, Bulgarian), web page text in
 * several languages (Readability's 65 pages, Dragnet's 460), source code (this project's Java) and CJK (Chinese and
 * Japanese Wikipedia). Same vocabulary for all three (for Hugging Face, a tokenizer.json holding the encoding's
 * vocabulary, merges and pattern, exported by {@link HuggingFaceExport}); tokens are checked identical first. Every
 * encoder does the same work: the whole corpus once per round, rounds interleaved so that a change in machine load
 * hits all three alike; the figure is the median round. One encoding per JVM, as in a tokenize job.
 * Usage: bin/bench pipeline TokenizerBench [rounds] [encoding] (default: 3 r50k_base)
 */
public final class TokenizerBench {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String encoding = args.length > 1 ? args[1] : "r50k_base";
    Map<String, List<String>> corpus = corpus();
    List<String> texts = new ArrayList<>();
    corpus.values().forEach(texts::addAll);
    long bytes = 0;
    for (String t : texts) bytes += utf8(t);
    System.out.printf("corpus: %d documents, %.1f MB UTF-8%n", texts.size(), bytes / 1e6);
    for (var e : corpus.entrySet()) {
      long b = e.getValue().stream().mapToLong(TokenizerBench::utf8).sum();
      System.out.printf("  %-44s %5d documents %6.2f MB (%4.1f %%)%n", e.getKey(), e.getValue().size(), b / 1e6, 100.0 * b / bytes);
    }
    System.out.printf("%s, %d rounds of the whole corpus per encoder, load average %.1f at start%n", encoding, rounds,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    BpeModel model = Tokenizers.load(encoding);
    BpeEncoder ours = model.newEncoder();
    Encoding jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.valueOf(encoding.toUpperCase()));
    Path json = Files.createTempFile(encoding, ".json");
    Files.write(json, HuggingFaceExport.tokenizerJson(model));
    HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(json)
        .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();

    List<ToIntFunction<String>> encoders = List.of(
        t -> ours.encode(t).length,
        t -> jtokkit.encodeOrdinary(t).size(),
        t -> hf.encode(t, false, false).getIds().length);
    String[] names = {"corpusforge BpeEncoder", "jtokkit 1.1.0", "HF tokenizers via DJL 0.33.0 JNI"};

    // The library matches added tokens in the text; its ids are compared with ours allowing special tokens.
    BpeEncoder oursAllowing = model.newEncoder(true);
    long mismatches = 0;
    for (String t : texts) {
      int[] a = ours.encode(t);
      int[] b = jtokkit.encodeOrdinary(t).toArray();
      int[] c = Arrays.stream(hf.encode(t, false, false).getIds()).mapToInt(x -> (int) x).toArray();
      if (!Arrays.equals(a, b) || !Arrays.equals(oursAllowing.encode(t), c)) mismatches++;
    }
    System.out.printf("token-identical check: %d of %d documents differ%n", mismatches, texts.size());

    // A warm-up round, then `rounds` rounds; per round and encoder the whole corpus, timed by the thread's CPU time
    // (on a shared machine that is what "per core" means; JNI calls into Rust run on this thread, so they count).
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] cpu = new double[encoders.size()][rounds];
    double[][] wall = new double[encoders.size()][rounds];
    long[] tokens = new long[encoders.size()];
    for (int round = -1; round < rounds; round++) {
      for (int e = 0; e < encoders.size(); e++) {
        ToIntFunction<String> f = encoders.get(e);
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long t = 0;
        for (String text : texts) t += f.applyAsInt(text);
        if (round >= 0) {
          cpu[e][round] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
          wall[e][round] = (System.nanoTime() - start) / 1e9;
          tokens[e] = t;
        }
      }
    }
    double[] cpuMbps = new double[encoders.size()];
    for (int e = 0; e < encoders.size(); e++) {
      double cpuMedian = median(cpu[e]);
      cpuMbps[e] = bytes / 1e6 / cpuMedian;
      System.out.printf("%-34s %8.2f MB/s CPU (median of %d; rounds %s s CPU, %s s wall), %,d tokens%n", names[e],
          cpuMbps[e], rounds, Arrays.toString(round2(cpu[e])), Arrays.toString(round2(wall[e])), tokens[e]);
    }
    System.out.printf("CPU: ours / jtokkit = %.2fx, ours / HF (DJL JNI) = %.2fx%n", cpuMbps[0] / cpuMbps[1], cpuMbps[0] / cpuMbps[2]);
    System.out.printf("load average %.1f at end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    hf.close();
    Files.delete(json);
  }

  /** The benchmark corpus by part, each part's texts in file order. */
  static Map<String, List<String>> corpus() throws IOException {
    Path shared = SparkTests.corpusSamples();
    Map<String, List<String>> parts = new LinkedHashMap<>();
    parts.put("Wikipedia markup, English (enwiki)",
        SampleTexts.wikiTexts(shared.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2")));
    parts.put("Wikipedia markup, Bulgarian (bgwiki)",
        SampleTexts.wikiTexts(shared.resolve("wikipedia/bgwiki-pages-articles-shortened.xml.bz2")));
    List<String> web = new ArrayList<>(jsonlTexts(shared.resolve("web/pages-dev.gold.jsonl")));
    web.addAll(jsonlTexts(shared.resolve("web-annotated/gold.jsonl")));
    parts.put("web page text (Readability + Dragnet gold)", web);
    parts.put("source code (this project's Java)", javaSources());
    List<String> zh = new ArrayList<>(jsonlTexts(shared.resolve("multilingual/zh-hans-wiki-cmrc2018-dev.jsonl")));
    zh.addAll(SampleTexts.wikiTexts(shared.resolve("multilingual/zhwiki-pages-articles-head.xml.bz2")));
    parts.put("Chinese (zhwiki text and markup)", zh);
    parts.put("Japanese (jawiki markup)",
        SampleTexts.wikiTexts(shared.resolve("multilingual/jawiki-pages-articles-head.xml.bz2")));
    // A lone surrogate has no UTF-8 form to hand to Rust, and jtokkit's cl100k refuses it.
    parts.values().forEach(texts -> texts.removeIf(TokenizerBench::hasLoneSurrogate));
    return parts;
  }

  private static List<String> jsonlTexts(Path p) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(p)) {
      JsonNode n = json.readTree(line);
      if (n != null && n.hasNonNull("text") && !n.get("text").asText().isEmpty()) texts.add(n.get("text").asText());
    }
    return texts;
  }

  private static List<String> javaSources() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String dir : List.of("shards/src/main/java", "pipeline/src/main/java", "training/src/main/java")) {
      try (Stream<Path> files = Files.walk(SparkTests.root().resolve(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) texts.add(Files.readString(f));
      }
    }
    return texts;
  }

  private static boolean hasLoneSurrogate(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) i++;
      else if (Character.isSurrogate(c)) return true;
    }
    return false;
  }

  private static long utf8(String t) {
    return t.getBytes(StandardCharsets.UTF_8).length;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double[] round2(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
  }
}
