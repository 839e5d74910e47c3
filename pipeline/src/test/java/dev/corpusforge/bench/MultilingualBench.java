package dev.corpusforge.bench;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.clean.CleanSteps;
import dev.corpusforge.clean.filters.WordSpans;
import dev.corpusforge.clean.lang.LanguageIdentifier;
import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.config.DedupConfig;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.testing.MultilingualSamples;
import dev.corpusforge.testing.SparkTests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Chinese and Japanese beside English, on the shared samples: per language, the clean stage's keep rate (the web step
 * list with {@code clean.language.keep} set to the language) and its reasons, language-ID accuracy on documents of at
 * least 100 characters, clean MB/s per core on Chinese text, and near-dedup F1 on Chinese near-duplicates (1% of
 * characters edited) with character and with word shingles. {@code calibrate} prints the distributions the zh/ja
 * defaults of {@code clean.languageRules} were chosen from (FineWeb-2's quantile matching against English Wikipedia).
 *
 * <p>{@code bin/bench pipeline MultilingualBench [calibrate|clean]} ({@code clean}: everything but dedup)
 */
public final class MultilingualBench {
  private static final Set<String> ZH_NS = Set.of("Category", "分类", "File", "文件", "Image", "图像");
  private static final Set<String> JA_NS = Set.of("Category", "カテゴリ", "File", "ファイル", "画像");

  public static void main(String[] args) throws Exception {
    Map<String, List<String>> texts = new LinkedHashMap<>();
    texts.put("en", MultilingualSamples.wikiTexts("wikipedia/enwiki-pages-articles-shortened.xml.bz2", Set.of()));
    List<String> zh = new ArrayList<>(MultilingualSamples.zhOpenings());
    zh.addAll(MultilingualSamples.wikiTexts(MultilingualSamples.ZH_WIKI, ZH_NS));
    texts.put("zh", zh);
    texts.put("ja", MultilingualSamples.wikiTexts(MultilingualSamples.JA_WIKI, JA_NS));
    if (args.length > 0 && args[0].equals("calibrate")) {
      calibrate(texts);
      return;
    }
    keepRates(texts);
    languageAccuracy(texts);
    speed(zh);
    if (args.length == 0 || !args[0].equals("clean")) dedup(zh);
  }

  // ---- clean keep rate -----------------------------------------------------------------------------------------

  static void keepRates(Map<String, List<String>> texts) {
    for (Map.Entry<String, List<String>> e : texts.entrySet()) {
      CleanConfig config = new CleanConfig();
      config.language.keep = new ArrayList<>(List.of(e.getKey()));
      List<CleanStep> steps = CleanSteps.forSource(CleanSteps.OTHER, config, List.of());
      Map<String, Integer> reasons = new TreeMap<>();
      int kept = 0;
      for (String t : e.getValue()) {
        String reason = run(steps, CleanDoc.of(t, null));
        if (reason == null) kept++;
        else reasons.merge(reason, 1, Integer::sum);
      }
      System.out.printf("clean keep rate %s (web steps, keep=%s): %d of %d = %.1f%%; rejects %s%n", e.getKey(), e.getKey(),
          kept, e.getValue().size(), 100.0 * kept / e.getValue().size(), reasons);
    }
  }

  private static String run(List<CleanStep> steps, CleanDoc doc) {
    for (CleanStep step : steps) {
      doc.signals().clear();
      String rule = step.apply(doc);
      if (rule != null) return step.name() + ":" + rule;
    }
    return null;
  }

  // ---- language ID ---------------------------------------------------------------------------------------------

  static void languageAccuracy(Map<String, List<String>> texts) {
    LanguageIdentifier id = new LanguageIdentifier();
    for (Map.Entry<String, List<String>> e : texts.entrySet()) {
      int n = 0;
      int right = 0;
      Map<String, Integer> wrong = new TreeMap<>();
      Map<String, Integer> scripts = new TreeMap<>();
      for (String t : e.getValue()) {
        if (t.strip().length() < 100) continue;
        n++;
        LanguageIdentifier.Result r = id.identify(t);
        if (r.language.equals(e.getKey())) right++;
        else wrong.merge(r.language, 1, Integer::sum);
        if (r.script != null) scripts.merge(r.script, 1, Integer::sum);
      }
      System.out.printf("language ID %s: %d of %d documents >= 100 chars = %.2f%%; wrong %s; scripts %s%n", e.getKey(), right,
          n, 100.0 * right / n, wrong, scripts);
    }
  }

  // ---- speed ---------------------------------------------------------------------------------------------------

  static void speed(List<String> zh) {
    CleanConfig config = new CleanConfig();
    config.language.keep = new ArrayList<>(List.of("zh"));
    List<CleanStep> steps = CleanSteps.forSource(CleanSteps.OTHER, config, List.of());
    long bytes = zh.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    for (String t : zh) run(steps, CleanDoc.of(t, null));
    double[] rates = new double[5];
    for (int r = 0; r < rates.length; r++) {
      long start = CleanBench.cpu();
      for (String t : zh) run(steps, CleanDoc.of(t, null));
      rates[r] = bytes / 1e6 / ((CleanBench.cpu() - start) / 1e9);
    }
    Arrays.sort(rates);
    System.out.printf("clean speed zh (web steps): median %.2f MB/s per core over %d runs of %.2f MB (min %.2f, max %.2f)%n",
        rates[2], rates.length, bytes / 1e6, rates[0], rates[4]);
  }

  // ---- dedup ---------------------------------------------------------------------------------------------------

  /** Bases: Chinese texts of at least 200 characters; 30% get 1-3 copies with 1% of their characters edited. */
  static List<NearDuplicateCorpus.Doc> chineseNearDuplicates(List<String> zh, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder pool = new StringBuilder();
    for (String t : zh) for (int i = 0; i < t.length(); i++) if (Character.isIdeographic(t.charAt(i))) pool.append(t.charAt(i));
    List<NearDuplicateCorpus.Doc> docs = new ArrayList<>();
    int family = 0;
    for (String t : zh) {
      if (t.length() < 200) continue;
      docs.add(new NearDuplicateCorpus.Doc("f" + family + "-0", family, t));
      if (random.nextDouble() < 0.3) {
        int copies = 1 + random.nextInt(3);
        for (int c = 1; c <= copies; c++) docs.add(new NearDuplicateCorpus.Doc("f" + family + "-" + c, family, edit(t, pool, random)));
      }
      family++;
    }
    return docs;
  }

  /** 1% of the characters replaced, deleted or followed by an inserted character, at random positions. */
  static String edit(String text, CharSequence pool, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(text);
    int edits = Math.max(1, text.length() / 100);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(sb.length());
      char c = pool.charAt(random.nextInt(pool.length()));
      switch (random.nextInt(3)) {
        case 0 -> sb.setCharAt(at, c);
        case 1 -> sb.deleteCharAt(at);
        default -> sb.insert(at, c);
      }
    }
    return sb.toString();
  }

  static void dedup(List<String> zh) throws Exception {
    List<NearDuplicateCorpus.Doc> docs = chineseNearDuplicates(zh, 1);
    Set<String> truth = new HashSet<>();
    Map<Integer, List<String>> families = new HashMap<>();
    for (NearDuplicateCorpus.Doc d : docs) families.computeIfAbsent(d.family(), k -> new ArrayList<>()).add(d.id());
    for (List<String> f : families.values()) {
      for (int a = 0; a < f.size(); a++) for (int b = a + 1; b < f.size(); b++) truth.add(NearDuplicateEvaluation.pair(f.get(a), f.get(b)));
    }
    System.out.printf("zh near-duplicates: %d documents, %d families, %d planted pairs (1%% of characters edited)%n",
        docs.size(), families.size(), truth.size());
    SparkSession spark = Cli.spark();
    for (String mode : DedupConfig.Near.CJK_SHINGLES) {
      RunDir run = new RunDir(Files.createTempDirectory("zh-dedup").toString());
      NearDuplicateEvaluation.writeClean(spark, run, docs, 4);
      PipelineConfig config = SparkTests.defaults();
      config.dedup.near.cjkShingles = mode;
      NearDuplicateEvaluation.Outcome o = NearDuplicateEvaluation.ours(spark, run, config, "cjkShingles=" + mode);
      System.out.printf("dedup zh %-22s documents: %s%n%-32s pairs:     %s%n", o.method(),
          NearDuplicateEvaluation.documents(docs, truth, o.clusters()), "", NearDuplicateEvaluation.pairs(truth, o.clusters()));
    }
  }

  // ---- calibration ---------------------------------------------------------------------------------------------

  /**
   * Per language: Gopher's word statistics (ICU words), characters per word, the most frequent words, and the share of
   * English Wikipedia each English threshold rejects with the value at the same quantile of the language's text.
   */
  static void calibrate(Map<String, List<String>> texts) {
    CleanConfig.GopherQuality en = new CleanConfig.GopherQuality();
    Map<String, double[][]> stats = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : texts.entrySet()) {
      List<String> docs = e.getValue().stream().filter(t -> t.strip().length() >= 100).toList();
      double[] words = new double[docs.size()];
      double[] meanLength = new double[docs.size()];
      double[] alpha = new double[docs.size()];
      double[] shortLines = new double[docs.size()];
      long chars = 0;
      long wordTotal = 0;
      Map<String, Integer> frequency = new HashMap<>();
      WordSpans w = new WordSpans();
      for (int d = 0; d < docs.size(); d++) {
        String t = docs.get(d);
        w.split(t);
        int counted = 0;
        long countedChars = 0;
        int alphaWords = 0;
        for (int i = 0; i < w.size(); i++) {
          if (w.hasLetterOrDigit(i)) {
            counted++;
            countedChars += w.length(i);
          }
          if (w.hasLetter(i)) alphaWords++;
          String word = t.substring(w.start(i), w.end(i)).replaceAll("[\\p{P}\\p{S}]+$", "").toLowerCase();
          if (!word.isEmpty()) frequency.merge(word, 1, Integer::sum);
        }
        chars += t.replaceAll("\\s", "").length();
        wordTotal += w.size();
        words[d] = counted;
        meanLength[d] = counted == 0 ? 0 : (double) countedChars / counted;
        alpha[d] = w.size() == 0 ? 0 : (double) alphaWords / w.size();
        String[] lines = t.split("\n");
        int nonBlank = 0;
        int shortCount = 0;
        for (String l : lines) {
          if (l.isBlank()) continue;
          nonBlank++;
          if (l.length() <= 30) shortCount++;
        }
        shortLines[d] = nonBlank == 0 ? 0 : (double) shortCount / nonBlank;
      }
      stats.put(e.getKey(), new double[][] {words, meanLength, alpha, shortLines});
      List<Map.Entry<String, Integer>> top = new ArrayList<>(frequency.entrySet());
      top.sort((a, b) -> b.getValue() - a.getValue());
      System.out.printf("%s: %d documents >= 100 chars, %.2f non-space characters per word, top words %s%n", e.getKey(),
          docs.size(), (double) chars / wordTotal, top.subList(0, Math.min(20, top.size())));
      System.out.printf("  word_count %s%n  mean_word_length %s%n  alpha_word_ratio %s%n  fineweb short_line_ratio(30) %s%n",
          percentiles(words), percentiles(meanLength), percentiles(alpha), percentiles(shortLines));
    }
    CleanConfig defaults = new CleanConfig();
    double[] enSentences = null;
    for (Map.Entry<String, List<String>> e : texts.entrySet()) {
      List<String> docs = e.getValue().stream().filter(t -> t.strip().length() >= 100).toList();
      CleanStep normalize = CleanSteps.create("normalize", defaults, List.of());
      CleanStep c4 = CleanSteps.create("c4", defaults, List.of());
      double[] sentences = new double[docs.size()];
      for (int d = 0; d < docs.size(); d++) {
        CleanDoc doc = CleanDoc.of(docs.get(d), null);
        doc.setLanguage(e.getKey(), 1);
        normalize.apply(doc);
        c4.apply(doc);
        sentences[d] = doc.signals().get("sentences");
      }
      if (enSentences == null) enSentences = sentences;
      double q = share(enSentences, defaults.c4.minSentences, false);
      double[] v = sentences.clone();
      Arrays.sort(v);
      System.out.printf("c4 sentences kept %s: %s; below %d: %.1f%% (enwiki %.1f%%; value at that quantile %.0f)%n", e.getKey(),
          percentiles(sentences), defaults.c4.minSentences, 100 * share(sentences, defaults.c4.minSentences, false), 100 * q,
          v[(int) Math.floor(q * (v.length - 1))]);
    }
    double[][] ref = stats.get("en");
    double[] thresholds = {en.minWords, en.minMeanWordLength, en.maxMeanWordLength, en.minAlphaWordRatio};
    String[] names = {"minWords", "minMeanWordLength", "maxMeanWordLength", "minAlphaWordRatio"};
    int[] metric = {0, 1, 1, 2};
    for (int k = 0; k < names.length; k++) {
      boolean max = names[k].startsWith("max");
      double[] r = ref[metric[k]];
      double q = share(r, thresholds[k], max);
      StringBuilder sb = new StringBuilder(String.format("%s: English %.2f rejects %.2f%% of enwiki;", names[k], thresholds[k], 100 * q));
      for (String lang : List.of("zh", "ja")) {
        double[] v = stats.get(lang)[metric[k]].clone();
        Arrays.sort(v);
        double at = max ? v[Math.min(v.length - 1, (int) Math.floor((1 - q) * (v.length - 1)))] : v[(int) Math.floor(q * (v.length - 1))];
        sb.append(String.format(" %s quantile value %.3f (English value rejects %.1f%% of %s)", lang, at,
            100 * share(stats.get(lang)[metric[k]], thresholds[k], max), lang));
      }
      System.out.println(sb);
    }
  }

  private static double share(double[] values, double threshold, boolean max) {
    int n = 0;
    for (double v : values) if (max ? v > threshold : v < threshold) n++;
    return (double) n / values.length;
  }

  private static String percentiles(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    StringBuilder sb = new StringBuilder();
    for (double p : new double[] {0, 0.01, 0.05, 0.1, 0.5, 0.9, 0.99, 1}) {
      sb.append(String.format("p%.0f=%.3f ", p * 100, v[(int) Math.floor(p * (v.length - 1))]));
    }
    return sb.toString().trim();
  }
}
