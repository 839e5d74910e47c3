package dev.corpusforge.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.annotators.sbd.pragmatic.SentenceDetector;
import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.filters.C4Filter;
import dev.corpusforge.clean.lang.WikiParagraphs;
import dev.corpusforge.clean.sentences.FastSentenceSplitter;
import dev.corpusforge.clean.sentences.SentenceSplitter;
import dev.corpusforge.clean.sentences.SparkNlpSentenceSplitter;
import dev.corpusforge.config.CleanConfig;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Our fast splitter and Spark NLP's pragmatic method (what its SentenceDetector runs): first scored against the
 * hand-labelled boundaries of a random sample of real lines ({@link #GOLD}, drawn by {@code sample}, labelled before
 * either splitter ran on them); then, on all the lines C4 keeps from the pages-dev gold texts and the Wikipedia
 * excerpt, their agreement (same count, same C4 verdict) and throughput, in-process and as the Spark NLP pipeline
 * DocumentAssembler -> SentenceDetector on DataFrames.
 * Run: {@code bin/bench pipeline SentenceSplitterBench}; {@code ... SentenceSplitterBench sample} prints the sample
 * with each token's offset, for labelling.
 */
public final class SentenceSplitterBench {
  public static void main(String[] args) throws Exception {
    Path samples = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    if (args.length > 0 && args[0].equals("sample")) {
      printForLabelling(sample(population(samples), SAMPLE_SEED, SAMPLE_PER_SOURCE));
      return;
    }
    List<String> docs = documents(samples);
    List<String> lines = c4Lines(docs);
    long bytes = lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    System.out.printf("input: %d documents, %d lines kept by C4's line rules, %.2f MB%n", docs.size(), lines.size(), bytes / 1e6);

    SentenceSplitter fast = new FastSentenceSplitter();
    SentenceSplitter nlp = new SparkNlpSentenceSplitter();
    scoreOnGold(samples, Map.of("fast", fast, "sparknlp", nlp));
    int[] fastCounts = counts(fast, lines);
    int[] nlpCounts = counts(nlp, lines);
    int same = 0;
    long fastTotal = 0;
    long nlpTotal = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (fastCounts[i] == nlpCounts[i]) same++;
      fastTotal += fastCounts[i];
      nlpTotal += nlpCounts[i];
    }
    System.out.printf("agreement on the sentence count per line: %.2f%% (%d/%d); sentences: fast %d, sparknlp %d%n",
        100.0 * same / lines.size(), same, lines.size(), fastTotal, nlpTotal);
    System.out.printf("agreement on C4's document verdict: %s%n", verdictAgreement(docs));
    for (int round = 0; round < 2; round++) {
      time("fast", fast, lines, bytes, round == 1);
      time("sparknlp (in-process pragmatic method)", nlp, lines, bytes, round == 1);
    }
    sparkPipeline(lines, nlpCounts);
    System.out.println("command: bin/bench pipeline SentenceSplitterBench");
  }

  private static int[] counts(SentenceSplitter s, List<String> lines) {
    int[] out = new int[lines.size()];
    for (int i = 0; i < lines.size(); i++) out[i] = s.count(lines.get(i));
    return out;
  }

  private static void time(String name, SentenceSplitter s, List<String> lines, long bytes, boolean print) {
    int rounds = 3;
    long t0 = CleanBench.cpu();
    long sink = 0;
    for (int r = 0; r < rounds; r++) for (String l : lines) sink += s.count(l);
    double sec = (CleanBench.cpu() - t0) / 1e9;
    if (print) {
      System.out.printf("%-40s %9.0f lines/s  %6.2f MB/s per core, CPU time (%d sentences)%n", name, lines.size() * rounds / sec,
          bytes * rounds / 1e6 / sec, sink / rounds);
    }
  }

  private static String verdictAgreement(List<String> docs) {
    CleanConfig.C4 fastConfig = new CleanConfig.C4();
    CleanConfig.C4 nlpConfig = new CleanConfig.C4();
    nlpConfig.sentenceSplitter = "sparknlp";
    C4Filter fast = new C4Filter(fastConfig, List.of());
    C4Filter nlp = new C4Filter(nlpConfig, List.of());
    int same = 0;
    int fastKept = 0;
    int nlpKept = 0;
    for (String d : docs) {
      String a = fast.apply(CleanDoc.of(d, null));
      String b = nlp.apply(CleanDoc.of(d, null));
      if (java.util.Objects.equals(a, b)) same++;
      if (a == null) fastKept++;
      if (b == null) nlpKept++;
    }
    return String.format("%.2f%% (%d/%d documents; kept: fast %d, sparknlp %d)", 100.0 * same / docs.size(), same,
        docs.size(), fastKept, nlpKept);
  }

  /** The annotator pipeline on DataFrames, local[*]: documents per second and agreement with the in-process method. */
  private static void sparkPipeline(List<String> lines, int[] nlpCounts) {
    SparkSession spark = Cli.spark();
    Dataset<Row> df = spark.createDataset(lines, Encoders.STRING()).toDF("text").repartition(2).cache();
    df.count();
    DocumentAssembler assembler = new DocumentAssembler();
    assembler.setInputCol("text");
    assembler.setOutputCol("document");
    SentenceDetector detector = new SentenceDetector();
    detector.setInputCols(new String[] {"document"});
    detector.setOutputCol("sentence");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, detector});
    var model = pipeline.fit(df);
    model.transform(df).select(size(col("sentence"))).count();
    long t0 = System.nanoTime();
    List<Row> out = model.transform(df).select(size(col("sentence")).as("n")).collectAsList();
    double sec = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%-40s %9.0f lines/s on %s (wall clock: a shared machine makes this a lower bound)%n",
        "sparknlp pipeline (DataFrame)", lines.size() / sec, spark.sparkContext().master());
    // The DataFrame pipeline returns rows in partition order, not input order: compare the totals.
    long total = 0;
    for (Row r : out) total += r.getInt(0);
    long inProcess = 0;
    for (int c : nlpCounts) inProcess += c;
    System.out.printf("sparknlp pipeline sentences %d vs in-process pragmatic method %d%n", total, inProcess);
    spark.stop();
  }

  /**
   * Both splitters against the hand-labelled boundaries of {@link #GOLD}: lines with every boundary right, lines with
   * the right sentence count (what C4 uses), and boundary precision and recall; then each line where one is wrong.
   */
  private static void scoreOnGold(Path samples, Map<String, SentenceSplitter> splitters) throws Exception {
    Map<String, SampledLine> byRef = new java.util.HashMap<>();
    population(samples).values().forEach(lines -> lines.forEach(l -> byRef.put(l.source() + " " + l.doc() + " " + l.line(), l)));
    List<String[]> rows = Files.readAllLines(Path.of(System.getProperty("corpusforge.root", ".")).resolve(GOLD)).stream()
        .filter(l -> !l.startsWith("#") && !l.startsWith("source\t") && !l.isBlank()).map(l -> l.split("\t")).toList();
    List<String> lines = new ArrayList<>();
    List<java.util.Set<Integer>> gold = new ArrayList<>();
    for (String[] r : rows) {
      SampledLine line = byRef.get(r[0] + " " + r[1] + " " + r[2]);
      if (line == null || line.text().length() != Integer.parseInt(r[3])) {
        throw new IllegalStateException(GOLD + ": no line of " + Integer.parseInt(r[3]) + " chars at " + String.join(" ", r));
      }
      lines.add(line.text());
      java.util.Set<Integer> starts = new java.util.TreeSet<>();
      if (!r[4].equals("-")) for (String o : r[4].split(",")) starts.add(Integer.parseInt(o));
      gold.add(starts);
    }
    long goldBoundaries = gold.stream().mapToLong(java.util.Set::size).sum();
    System.out.printf("gold: %d randomly drawn lines (%s, seed %d), %d hand-labelled boundaries, %d sentences%n",
        lines.size(), GOLD, SAMPLE_SEED, goldBoundaries, goldBoundaries + lines.size());
    Map<String, List<java.util.Set<Integer>>> predicted = new LinkedHashMap<>();
    for (var e : new java.util.TreeMap<>(splitters).entrySet()) {
      List<java.util.Set<Integer>> out = new ArrayList<>();
      int exact = 0;
      int countRight = 0;
      long tp = 0;
      long fp = 0;
      for (int i = 0; i < lines.size(); i++) {
        java.util.Set<Integer> p = new java.util.TreeSet<>();
        for (int o : e.getValue().starts(lines.get(i))) p.add(o);
        out.add(p);
        if (p.equals(gold.get(i))) exact++;
        if (p.size() == gold.get(i).size()) countRight++;
        for (int o : p) if (gold.get(i).contains(o)) tp++; else fp++;
      }
      predicted.put(e.getKey(), out);
      long fn = goldBoundaries - tp;
      double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
      double recall = (double) tp / goldBoundaries;
      System.out.printf("%-9s lines fully right %d/%d, sentence count right %d/%d, boundaries P %.3f R %.3f F1 %.3f (tp %d, fp %d, fn %d)%n",
          e.getKey(), exact, lines.size(), countRight, lines.size(), precision, recall,
          2 * precision * recall / Math.max(1e-12, precision + recall), tp, fp, fn);
    }
    for (int i = 0; i < lines.size(); i++) {
      StringBuilder b = new StringBuilder();
      for (var e : predicted.entrySet()) if (!e.getValue().get(i).equals(gold.get(i))) b.append(' ').append(e.getKey()).append(' ').append(e.getValue().get(i));
      if (b.length() > 0) System.out.printf("  wrong: %s doc %s line %s: gold %s;%s%n", rows.get(i)[0], rows.get(i)[1], rows.get(i)[2], gold.get(i), b);
    }
  }

  /** Where the gold boundaries of the random line sample live (line references and offsets, no corpus text). */
  static final String GOLD = "data-samples/clean/sentence-boundaries-sample.tsv";
  static final long SAMPLE_SEED = 15;
  static final int SAMPLE_PER_SOURCE = 20;

  /** One sampled line: where it is (source, document, line of the document) and its stripped text. */
  record SampledLine(String source, int doc, int line, String text) {}

  /**
   * The lines C4 counts sentences in, by source: the Readability and Dragnet gold page texts and the English Wikipedia
   * pages (markup stripped), each line referenced by its document and line number.
   */
  static Map<String, List<SampledLine>> population(Path samples) throws Exception {
    Map<String, List<String>> sources = new LinkedHashMap<>();
    sources.put("pages-dev", jsonlTexts(samples.resolve("web/pages-dev.gold.jsonl")));
    sources.put("dragnet", jsonlTexts(samples.resolve("web-annotated/gold.jsonl")));
    sources.put("enwiki", WikiParagraphs.articles(samples.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2")));
    Map<String, List<SampledLine>> out = new LinkedHashMap<>();
    sources.forEach((name, docs) -> {
      List<SampledLine> lines = new ArrayList<>();
      for (int d = 0; d < docs.size(); d++) {
        String[] split = docs.get(d).split("\n", -1);
        for (int l = 0; l < split.length; l++) if (isC4Line(split[l].strip())) lines.add(new SampledLine(name, d, l, split[l].strip()));
      }
      out.put(name, lines);
    });
    return out;
  }

  /** {@code perSource} lines drawn uniformly without replacement from each source's population, seeded. */
  static List<SampledLine> sample(Map<String, List<SampledLine>> population, long seed, int perSource) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SampledLine> out = new ArrayList<>();
    for (List<SampledLine> lines : population.values()) {
      List<SampledLine> pool = new ArrayList<>(lines);
      for (int i = 0; i < perSource; i++) out.add(pool.remove(random.nextInt(pool.size())));
    }
    return out;
  }

  /** Prints the sample for labelling: every token with its character offset, so boundaries can be written by hand. */
  private static void printForLabelling(List<SampledLine> sample) {
    for (SampledLine s : sample) {
      StringBuilder b = new StringBuilder();
      Matcher token = Pattern.compile("\\S+").matcher(s.text());
      while (token.find()) b.append(token.start()).append(':').append(token.group()).append(' ');
      System.out.printf("%s\t%d\t%d\t%d%n  %s%n%n", s.source(), s.doc(), s.line(), s.text().length(), b);
    }
  }

  private static List<String> jsonlTexts(Path p) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(p)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) texts.add(json.readTree(line).get("text").asText());
    }
    return texts;
  }

  private static boolean isC4Line(String s) {
    return s.length() > 0 && !s.endsWith("...") && ".?!\"".indexOf(s.charAt(s.length() - 1)) >= 0 && s.split("\\s+").length >= 3;
  }

  static List<String> documents(Path samples) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> docs = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(samples.resolve("web/pages-dev.gold.jsonl"))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) docs.add(json.readTree(line).get("text").asText());
    }
    docs.addAll(WikiParagraphs.articles(samples.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2")));
    return docs;
  }

  /** The lines C4 counts sentences in: stripped, ending in . ? ! or ", with at least 3 words. */
  private static List<String> c4Lines(List<String> docs) {
    List<String> out = new ArrayList<>();
    for (String d : docs) {
      for (String l : d.split("\n")) {
        String s = l.strip();
        if (s.length() > 0 && !s.endsWith("...") && ".?!\"".indexOf(s.charAt(s.length() - 1)) >= 0 && s.split("\\s+").length >= 3) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
