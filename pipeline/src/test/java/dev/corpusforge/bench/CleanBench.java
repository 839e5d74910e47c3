package dev.corpusforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.clean.CleanSteps;
import dev.corpusforge.clean.lang.LanguageIdentifier;
import dev.corpusforge.clean.lang.WikiParagraphs;
import dev.corpusforge.config.CleanConfig;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clean stage's per-document steps, single-threaded, over real text: the pages-dev gold texts (as web documents,
 * the full web step list) and the English and Bulgarian Wikipedia excerpts (the wikipedia step list). Prints MB/s per
 * core (MB per CPU-second of the benchmark thread) overall and CPU time per step, then language-ID accuracy and throughput.
 * Run: {@code bin/bench pipeline CleanBench [rounds]}.
 */
public final class CleanBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * CPU time of this thread in nanoseconds: the machine is shared, so wall time would measure the neighbours; CPU
   * time is what one core spends, which is what "per core" means.
   */
  static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  record Input(String source, String text) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path samples = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    List<Input> inputs = inputs(samples);
    long bytes = inputs.stream().mapToLong(i -> i.text.getBytes(StandardCharsets.UTF_8).length).sum();
    System.out.printf("input: %d documents, %.2f MB of UTF-8 text (%d web gold pages, Wikipedia en+bg pages)%n",
        inputs.size(), bytes / 1e6, inputs.stream().filter(i -> i.source.equals("web")).count());

    CleanConfig config = new CleanConfig();
    Map<String, List<CleanStep>> steps = new LinkedHashMap<>();
    for (String source : List.of("web", "wikipedia")) steps.put(source, CleanSteps.forSource(source, config, List.of()));
    Map<String, long[]> perStep = new LinkedHashMap<>();
    Map<String, Integer> verdicts = new LinkedHashMap<>();
    run(inputs, steps, perStep, verdicts);
    perStep.clear();
    verdicts.clear();
    long start = cpu();
    for (int r = 0; r < rounds; r++) run(inputs, steps, perStep, verdicts);
    double seconds = (cpu() - start) / 1e9;
    System.out.printf("clean steps: %.2f MB/s per core (%d rounds, %.1f CPU s, %.0f docs/s)%n",
        bytes * rounds / 1e6 / seconds, rounds, seconds, inputs.size() * rounds / seconds);
    for (Map.Entry<String, long[]> e : perStep.entrySet()) {
      System.out.printf("  %-28s %6.1f%% of the time, %8.2f M chars/s on the text it saw%n", e.getKey(),
          100.0 * e.getValue()[0] / (seconds * 1e9), e.getValue()[1] * 1e3 / (double) e.getValue()[0]);
    }
    System.out.println("verdicts of one round: " + divide(verdicts, rounds));

    languageId(samples);
    System.out.println("command: bin/bench pipeline CleanBench " + rounds);
  }

  private static Map<String, Integer> divide(Map<String, Integer> m, int by) {
    Map<String, Integer> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v / by));
    return out;
  }

  /** One pass over all inputs; adds nanoseconds and input bytes per step, and counts verdicts. */
  private static void run(List<Input> inputs, Map<String, List<CleanStep>> steps, Map<String, long[]> perStep,
      Map<String, Integer> verdicts) {
    for (Input in : inputs) {
      CleanDoc doc = CleanDoc.of(in.text, null);
      String verdict = "kept";
      for (CleanStep step : steps.get(in.source)) {
        long bytesIn = doc.text().length();
        long t0 = cpu();
        doc.signals().clear();
        String rule = step.apply(doc);
        long[] acc = perStep.computeIfAbsent(step.name(), k -> new long[2]);
        acc[0] += cpu() - t0;
        acc[1] += bytesIn;
        if (rule != null) {
          verdict = step.name() + ":" + rule;
          break;
        }
      }
      verdicts.merge(in.source + " " + verdict, 1, Integer::sum);
    }
  }

  static List<Input> inputs(Path samples) throws Exception {
    List<Input> inputs = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(samples.resolve("web/pages-dev.gold.jsonl"))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode page = JSON.readTree(line);
        inputs.add(new Input("web", page.get("text").asText()));
      }
    }
    for (String dump : List.of("enwiki-pages-articles-shortened.xml.bz2", "bgwiki-pages-articles-shortened.xml.bz2")) {
      for (String text : WikiParagraphs.articles(samples.resolve("wikipedia").resolve(dump))) inputs.add(new Input("wikipedia", text));
    }
    return inputs;
  }

  private static void languageId(Path samples) throws Exception {
    LanguageIdentifier id = new LanguageIdentifier();
    for (String[] dump : new String[][] {{"en", "enwiki-pages-articles-shortened.xml.bz2"},
        {"bg", "bgwiki-pages-articles-shortened.xml.bz2"}}) {
      List<String> paragraphs = WikiParagraphs.paragraphs(samples.resolve("wikipedia").resolve(dump[1]), 100);
      for (String p : paragraphs) id.identify(p);
      int right = 0;
      long utf8 = 0;
      long t0 = cpu();
      for (String p : paragraphs) {
        if (dump[0].equals(id.identify(p).language)) right++;
        utf8 += p.getBytes(StandardCharsets.UTF_8).length;
      }
      double s = (cpu() - t0) / 1e9;
      System.out.printf("language ID %s: %d/%d paragraphs of >= 100 characters right (%.2f%%), %.0f paragraphs/s, "
          + "%.2f MB/s per core%n", dump[0], right, paragraphs.size(), 100.0 * right / paragraphs.size(),
          paragraphs.size() / s, utf8 / 1e6 / s);
    }
    List<String> articles = new ArrayList<>();
    for (String dump : List.of("enwiki-pages-articles-shortened.xml.bz2", "bgwiki-pages-articles-shortened.xml.bz2")) {
      articles.addAll(WikiParagraphs.articles(samples.resolve("wikipedia").resolve(dump)));
    }
    long t0 = cpu();
    for (String a : articles) id.identify(a);
    double s = (cpu() - t0) / 1e9;
    System.out.printf("language ID on whole pages (first %d characters): %.0f docs/s per core%n", LanguageIdentifier.MAX_CHARS, articles.size() / s);
  }
}
