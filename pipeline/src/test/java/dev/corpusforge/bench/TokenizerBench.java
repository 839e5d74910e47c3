package dev.corpusforge.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.corpusforge.tokenize.BpeEncoder;
import dev.corpusforge.tokenize.BpeModel;
import dev.corpusforge.tokenize.HuggingFaceExport;
import dev.corpusforge.tokenize.SampleTexts;
import dev.corpusforge.tokenize.Tokenizers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Single-thread encoding throughput (MB of UTF-8 per second, i.e. per core) of our encoder, jtokkit and the Hugging
 * Face tokenizers library (DJL), on the same real texts (the Wikipedia excerpts and web gold texts of
 * corpus-samples), same vocabulary (r50k_base, cl100k_base or o200k_base; for Hugging Face a tokenizer.json holding
 * the encoding's vocabulary, merges and pattern, exported by this bench), in one JVM, after a warm-up; tokens are
 * checked identical first.
 * One encoding per JVM, as in a tokenize job: a JVM that ran several encodings has mixed JIT profiles in the shared
 * scanner loop and encoder, which slows ours but not jtokkit's separate per-encoding code (cl100k_base run after
 * r50k_base in one JVM measured 1.28x jtokkit, against 1.6-1.7x on its own).
 * Usage: bin/bench pipeline TokenizerBench [seconds-per-encoder] [encoding] (default: 10 r50k_base)
 */
public final class TokenizerBench {
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    String encoding = args.length > 1 ? args[1] : "r50k_base";
    List<String> texts = new ArrayList<>(SampleTexts.corpus());
    long bytes = 0;
    for (String t : texts) bytes += t.getBytes(StandardCharsets.UTF_8).length;
    System.out.printf("corpus: %d documents, %.1f MB UTF-8 (corpus-samples Wikipedia + web gold + data-samples)%n",
        texts.size(), bytes / 1e6);
    System.out.printf("%s, load average %.1f at start%n", encoding, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

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
    String[] names = {"corpusforge BpeEncoder", "jtokkit 1.1.0", "HF tokenizers (DJL 0.33.0)"};

    long mismatches = 0;
    for (String t : texts) {
      int[] a = ours.encode(t);
      int[] b = jtokkit.encodeOrdinary(t).toArray();
      long[] c = hf.encode(t, false, false).getIds();
      int[] cc = Arrays.stream(c).mapToInt(x -> (int) x).toArray();
      if (!Arrays.equals(a, b) || !Arrays.equals(a, cc)) mismatches++;
    }
    System.out.printf("token-identical check: %d of %d documents differ%n", mismatches, texts.size());

    // Interleaved slices, so that a change in machine load hits the three alike: a warm-up pass, then 20 rounds of
    // seconds/20 per library. Wall time and the thread's CPU time are both kept: on a loaded machine CPU time is
    // what "per core" means (JNI calls into the HF library run on this thread, so they count; GC threads do not).
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double charsToBytes = (double) bytes / texts.stream().mapToLong(String::length).sum();
    double[] secs = new double[3];
    double[] cpuSecs = new double[3];
    long[] chars = new long[3];
    long[] tokens = new long[3];
    int[] next = new int[3];
    for (int round = -1; round < 20; round++) {
      for (int e = 0; e < encoders.size(); e++) {
        ToIntFunction<String> f = encoders.get(e);
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long end = start + (long) (seconds / 20 * 1e9);
        long c = 0;
        long t = 0;
        while (System.nanoTime() < end) {
          String text = texts.get(next[e]++ % texts.size());
          t += f.applyAsInt(text);
          c += text.length();
        }
        if (round >= 0) {
          secs[e] += (System.nanoTime() - start) / 1e9;
          cpuSecs[e] += (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
          chars[e] += c;
          tokens[e] += t;
        }
      }
    }
    double[] mbps = new double[3];
    double[] cpuMbps = new double[3];
    for (int e = 0; e < 3; e++) {
      mbps[e] = chars[e] * charsToBytes / 1e6 / secs[e];
      cpuMbps[e] = chars[e] * charsToBytes / 1e6 / cpuSecs[e];
      System.out.printf("%-28s %8.2f MB/s wall %8.2f MB/s CPU  (%,d tokens in %.1f s, %.1f s CPU)%n", names[e], mbps[e],
          cpuMbps[e], tokens[e], secs[e], cpuSecs[e]);
    }
    System.out.printf("wall: ours / jtokkit = %.2fx, ours / HF = %.2fx%n", mbps[0] / mbps[1], mbps[0] / mbps[2]);
    System.out.printf("CPU:  ours / jtokkit = %.2fx, ours / HF = %.2fx%n", cpuMbps[0] / cpuMbps[1], cpuMbps[0] / cpuMbps[2]);
    System.out.printf("load average %.1f at end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    hf.close();
    Files.delete(json);
  }
}
