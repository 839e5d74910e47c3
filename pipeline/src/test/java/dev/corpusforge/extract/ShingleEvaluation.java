package dev.corpusforge.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.readers.WarcReader;
import dev.corpusforge.io.HadoopConf;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The shingle metric the field publishes for main-content extraction (Zyte's article-extraction-benchmark, as
 * {@code web-annotated/score.py} implements it), against the human-annotated pages of {@code web-annotated}.
 *
 * <p>Tokens are Python's {@code \w+} runs (letters, digits, underscore; case kept); shingles are 4-grams of tokens
 * counted as a multiset (a text of 1-3 tokens gives one shorter shingle). Per page, tp/fp/fn are the multiset
 * overlap and excesses; precision is averaged over pages with output, recall over pages with gold, and F1 is taken
 * from those two means. Exact-match accuracy is the share of pages whose token sequence equals the gold's. The
 * system output of a page is its title, a newline and its text, because this gold starts with the title.
 */
public final class ShingleEvaluation {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int N = 4;

  /** One page: gold and system text, and its tp/fp/fn normalised to sum 1. */
  public static final class Page {
    public final String id;
    public final String url;
    public final String gold;
    public final String output;
    public final double tp;
    public final double fp;
    public final double fn;
    public final boolean exact;

    Page(String id, String url, String gold, String output) {
      this.id = id;
      this.url = url;
      this.gold = gold;
      this.output = output;
      List<String> want = tokens(gold);
      List<String> got = tokens(output);
      Map<List<String>, int[]> counts = new HashMap<>();
      for (List<String> s : shingles(want)) counts.computeIfAbsent(s, k -> new int[2])[0]++;
      for (List<String> s : shingles(got)) counts.computeIfAbsent(s, k -> new int[2])[1]++;
      double t = 0;
      double p = 0;
      double n = 0;
      for (int[] c : counts.values()) {
        t += Math.min(c[0], c[1]);
        p += Math.max(0, c[1] - c[0]);
        n += Math.max(0, c[0] - c[1]);
      }
      double sum = t + p + n;
      this.tp = sum > 0 ? t / sum : 0;
      this.fp = sum > 0 ? p / sum : 0;
      this.fn = sum > 0 ? n / sum : 0;
      this.exact = want.equals(got);
    }

    public boolean hasOutput() {
      return tp + fp > 0;
    }

    public double precision() {
      if (fp == 0 && fn == 0) return 1;
      return tp == 0 && fp == 0 ? 0 : tp / (tp + fp);
    }

    public double recall() {
      if (fp == 0 && fn == 0) return 1;
      return tp == 0 && fn == 0 ? 0 : tp / (tp + fn);
    }
  }

  /** The set's figures and its pages in gold order. */
  public static final class Result {
    public final List<Page> pages;
    public final double precision;
    public final double recall;
    public final double f1;
    public final double accuracy;
    public final int missing;

    Result(List<Page> pages, int missing) {
      this.pages = pages;
      this.missing = missing;
      this.precision = pages.stream().filter(Page::hasOutput).mapToDouble(Page::precision).average().orElse(0);
      this.recall = pages.stream().filter(p -> p.tp + p.fn > 0).mapToDouble(Page::recall).average().orElse(0);
      this.f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      this.accuracy = pages.stream().mapToDouble(p -> p.exact ? 1 : 0).average().orElse(0);
    }
  }

  private ShingleEvaluation() {}

  public static Path warc(Path corpusSamples) {
    return corpusSamples.resolve("web-annotated/pages.warc.gz");
  }

  public static Path gold(Path corpusSamples) {
    return corpusSamples.resolve("web-annotated/gold.jsonl");
  }

  /** Reads the WARC with the web reader and scores title + newline + text of each kept page against its gold. */
  public static Result evaluate(Path warc, Path gold) throws IOException {
    Map<String, String> outputs = new HashMap<>();
    InputFile file = new InputFile(warc.toUri().toString(), Files.size(warc), new HadoopConf(new Configuration()));
    for (Iterator<ReadRecord> it = new WarcReader("web", new IngestConfig()).read(file); it.hasNext(); ) {
      ReadRecord r = it.next();
      if (!r.isKept()) continue;
      String title = r.getDoc().getTitle();
      outputs.put(r.getDoc().getUrl(), (title == null ? "" : title + "\n") + r.getDoc().getText());
    }
    return score(outputs, gold);
  }

  /** Scores outputs by page URL (another extractor's, say) against the gold; a page without one counts as empty. */
  public static Result score(Map<String, String> outputs, Path gold) throws IOException {
    List<Page> pages = new ArrayList<>();
    int missing = 0;
    try (BufferedReader in = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        JsonNode g = JSON.readTree(line);
        String url = g.get("url").asText();
        if (!outputs.containsKey(url)) missing++;
        pages.add(new Page(g.get("id").asText(), url, g.get("text").asText(), outputs.getOrDefault(url, "")));
      }
    }
    return new Result(pages, missing);
  }

  /** Writes the system output as score.py reads it: one {"url", "text"} object per line. */
  public static void writeDocs(Result result, Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Page p : result.pages) {
      Map<String, String> line = new LinkedHashMap<>(); // url first, always: the file is the same on every run
      line.put("url", p.url);
      line.put("text", p.output);
      lines.add(JSON.writeValueAsString(line));
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }

  /** Reads outputs written as score.py reads them (one {"url", "text"} object per line), by URL. */
  public static Map<String, String> readDocs(Path docs) throws IOException {
    Map<String, String> outputs = new HashMap<>();
    for (String line : Files.readAllLines(docs, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      JsonNode d = JSON.readTree(line);
      outputs.put(d.get("url").asText(), d.get("text").asText());
    }
    return outputs;
  }

  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }

  private static List<List<String>> shingles(List<String> tokens) {
    List<List<String>> out = new ArrayList<>();
    if (tokens.isEmpty()) return out;
    for (int i = 0; i < Math.max(1, tokens.size() - N + 1); i++) {
      out.add(tokens.subList(i, Math.min(tokens.size(), i + N)));
    }
    return out;
  }
}
