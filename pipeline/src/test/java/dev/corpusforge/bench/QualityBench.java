package dev.corpusforge.bench;

import static org.apache.spark.sql.functions.col;

import dev.corpusforge.clean.lang.WikiParagraphs;
import dev.corpusforge.config.ConfigLoader;
import dev.corpusforge.config.PipelineConfig;
import dev.corpusforge.config.QualityConfig;
import dev.corpusforge.decontaminate.DecontaminateStage;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.fasttext.FastTextCli;
import dev.corpusforge.fasttext.FastTextModel;
import dev.corpusforge.quality.QualityStage;
import dev.corpusforge.quality.QualityTraining;
import dev.corpusforge.stage.RunDir;
import dev.corpusforge.stage.Stage;
import dev.corpusforge.stage.StageWriter;
import dev.corpusforge.testing.SparkTests;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Quality scoring, decontamination and the fastText reader, per core. Corpus: the corpus-samples English Wikipedia
 * articles and web gold texts, repeated to the given size. fastText models are trained here by Debian's fasttext on
 * Wikipedia paragraphs (__label__hq) vs web paragraphs (__label__lq), like DCLM's classifier (dim 64, word bigrams),
 * and a language-ID-like model (dim 16, char 2-4-grams, hierarchical softmax, as lid.176). Java vs CLI: one thread
 * each over the same documents (one per line, line breaks as spaces), prediction time only (the CLI's run on all
 * documents minus its run on the first, which holds its process start and model load), and whole runs with model
 * load on both sides. Stages: local[1], documents in and out as Parquet, median of {@code runs}.
 * <pre>bin/bench pipeline QualityBench [MB=8] [runs=3]</pre>
 */
public final class QualityBench {
  public static void main(String[] args) throws Exception {
    double mb = args.length > 0 ? Double.parseDouble(args[0]) : 8;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path samples = SparkTests.corpusSamples();
    List<String> wiki = WikiParagraphs.articles(samples.resolve("wikipedia/enwiki-pages-articles-shortened.xml.bz2"));
    List<String> web = new ArrayList<>();
    for (String page : Files.readAllLines(samples.resolve("web/pages-dev.gold.jsonl"))) {
      web.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(page).get("text").asText());
    }
    List<String> texts = new ArrayList<>();
    long bytes = 0;
    List<String> both = new ArrayList<>(wiki);
    both.addAll(web);
    for (int i = 0; bytes < mb * 1e6; i++) {
      String t = both.get(i % both.size());
      texts.add(t);
      bytes += t.getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf("corpus: %,d documents, %.1f MB UTF-8; load average %s%n", texts.size(), bytes / 1e6, load());

    Path dir = Files.createTempDirectory("quality-bench");
    List<String> train = new ArrayList<>();
    for (String t : wiki) for (String p : t.split("\n")) if (p.length() > 100) train.add("__label__hq " + p);
    for (String t : web) for (String p : t.split("\n")) if (p.length() > 100) train.add("__label__lq " + p);
    Files.write(dir.resolve("quality.txt"), train);
    FastTextCli.run(dir, "supervised", "-input", "quality.txt", "-output", "quality", "-dim", "64", "-wordNgrams", "2",
        "-bucket", "200000", "-epoch", "5", "-thread", "1", "-verbose", "0");
    Files.write(dir.resolve("lid.txt"), FastTextCli.languageLines());
    FastTextCli.run(dir, "supervised", "-input", "lid.txt", "-output", "lid", "-dim", "16", "-minn", "2", "-maxn", "4",
        "-loss", "hs", "-bucket", "200000", "-epoch", "5", "-thread", "1", "-verbose", "0");
    List<String> lines = new ArrayList<>();
    for (String t : texts) lines.add(t.replace('\n', ' '));
    Path input = dir.resolve("input.txt");
    Files.write(input, lines);

    // The CLI loads its model on every run: it is timed on the first document alone and on all of them, and the
    // difference is its prediction time for the other documents, the same work as Java's predictions over those.
    // Java is also timed with its own model load, against the CLI's whole run.
    Path first = dir.resolve("first.txt");
    Files.write(first, lines.subList(0, 1));
    for (String name : List.of("quality", "lid")) {
      Path bin = dir.resolve(name + ".bin");
      double[] java = new double[runs];
      double[] javaLoad = new double[runs];
      double[] cliAll = new double[runs];
      double[] cliOne = new double[runs];
      FastTextModel.Predictor warm = load(bin).predictor();
      for (String t : texts) warm.predict(t);
      for (int r = 0; r < runs; r++) {
        long s = System.nanoTime();
        FastTextModel.Predictor p = load(bin).predictor();
        double loaded = (System.nanoTime() - s) / 1e9;
        p.predict(texts.get(0));
        s = System.nanoTime();
        double sink = 0;
        for (String t : texts.subList(1, texts.size())) sink += p.predict(t)[0];
        java[r] = (System.nanoTime() - s) / 1e9;
        javaLoad[r] = loaded + java[r];
        if (sink < 0) System.out.println(sink);
        cliOne[r] = predictProb(bin, first);
        cliAll[r] = predictProb(bin, input);
      }
      int n = texts.size() - 1;
      double j = median(java);
      double c = Math.max(1e-9, median(cliAll) - median(cliOne));
      double jl = median(javaLoad);
      double cl = median(cliAll);
      System.out.printf("fastText %s model (%s), predictions on %,d documents (%.1f MB): Java %,.1f docs/s, CLI %,.1f "
              + "docs/s (its run on all minus its run on the first: %.2f - %.2f s); Java/CLI %.2fx; with model load on "
              + "both sides: Java %.2f s, CLI %.2f s, %.2fx; medians of %d; load average %s%n", name, bin.getFileName(),
          n, (bytes - texts.get(0).getBytes(StandardCharsets.UTF_8).length) / 1e6, n / j, n / c, median(cliAll),
          median(cliOne), c / j, jl, cl, cl / jl, runs, load());
    }

    System.setProperty("bench.master", "local[1]");
    SparkSession spark = Cli.spark();
    RunDir run = new RunDir(dir.resolve("run").toString());
    // Every third document is called wikipedia, the rest web, whatever its text: this measures the stages' work, not
    // the classifier's quality (see QualityStageTest for that).
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      docs.add(new Document(Documents.stableId(i % 3 == 0 ? "wikipedia" : "web", "d" + i), i % 3 == 0 ? "wikipedia" : "web",
          null, null, texts.get(i), new Provenance("bench", i, null)));
    }
    spark.createDataset(docs, Documents.ENCODER).write().mode("overwrite").parquet(run.stage("clean").toString());
    StageWriter.writeMarker(run.complete("clean"), spark.sparkContext().hadoopConfiguration());
    PipelineConfig config = ConfigLoader.load(null, List.of());
    config.spark.outputFiles = 1;
    config.quality.train.maxPerClass = 2000;
    Path sparkModel = Path.of(QualityTraining.run(spark, run, config).toUri().getPath());
    System.out.println("train-quality metrics: " + Files.readString(sparkModel.resolve(QualityTraining.METRICS)).replaceAll("\\s+", " "));

    config.quality.model = sparkModel.toString();
    stage("quality, Spark ML PipelineModel", new QualityStage(), spark, run, config, bytes, runs);
    config.quality.model = QualityConfig.FASTTEXT + dir.resolve("quality.bin");
    stage("quality, fastText " + dir.resolve("quality.bin").getFileName(), new QualityStage(), spark, run, config, bytes, runs);
    config.decontaminate.evalSets = new ArrayList<>(List.of(SparkTests.root().resolve("data-samples/eval/sample-qa.jsonl").toString()));
    config.decontaminate.fields = new ArrayList<>(List.of("question", "answer"));
    stage("decontaminate, 8-item eval set", new DecontaminateStage(), spark, run, config, bytes, runs);
    // A larger eval set: the Bulgarian Wikipedia articles' paragraphs as items (~10^5 13-grams), no overlap expected.
    Path bg = dir.resolve("bg-eval.jsonl");
    List<String> items = new ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    int n = 0;
    for (String p : WikiParagraphs.paragraphs(samples.resolve("wikipedia/bgwiki-pages-articles-shortened.xml.bz2"), 100)) {
      items.add(json.createObjectNode().put("id", "bg-" + n++).put("text", p).toString());
    }
    Files.write(bg, items);
    config.decontaminate.evalSets = new ArrayList<>(List.of(bg.toString()));
    config.decontaminate.fields = new ArrayList<>(List.of("text"));
    stage("decontaminate, " + items.size() + "-item eval set", new DecontaminateStage(), spark, run, config, bytes, runs);
    spark.stop();
  }

  private static void stage(String what, Stage stage, SparkSession spark, RunDir run, PipelineConfig config, long bytes, int runs) throws Exception {
    double[] t = new double[runs];
    stage.run(spark, run, config);
    for (int r = 0; r < runs; r++) {
      long s = System.nanoTime();
      stage.run(spark, run, config);
      t[r] = (System.nanoTime() - s) / 1e9;
    }
    double m = median(t);
    System.out.printf("%s: %.1f MB in %.1f s (median of %d, local[1]) = %.2f MB/s per core; load average %s%n", what,
        bytes / 1e6, m, runs, bytes / 1e6 / m, load());
  }

  private static FastTextModel load(Path bin) throws java.io.IOException {
    try (InputStream in = Files.newInputStream(bin)) {
      return FastTextModel.read(in, bin.toString());
    }
  }

  /** Seconds for one run of {@code fasttext predict-prob MODEL INPUT 1}: process start, model load, predictions. */
  private static double predictProb(Path bin, Path input) throws Exception {
    long s = System.nanoTime();
    Process proc = new ProcessBuilder(FastTextCli.BINARY, "predict-prob", bin.toString(), input.toString(), "1")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
    if (proc.waitFor() != 0) throw new IllegalStateException("fasttext predict-prob failed");
    return (System.nanoTime() - s) / 1e9;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
  }
}
