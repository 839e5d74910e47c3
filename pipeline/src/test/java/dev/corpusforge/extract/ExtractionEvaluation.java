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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Token-level precision, recall and F1 of the web reader's extracted text against gold main-content text, per page
 * (matched by URI) and averaged over pages. Tokens are maximal runs of letters and digits, lower-cased, compared as
 * multisets, so line breaks and punctuation do not count; a page the reader does not keep scores 0.
 */
public final class ExtractionEvaluation {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One page's scores. */
  public static final class PageScore {
    public final String uri;
    public final double precision;
    public final double recall;
    public final double f1;

    PageScore(String uri, double precision, double recall, double f1) {
      this.uri = uri;
      this.precision = precision;
      this.recall = recall;
      this.f1 = f1;
    }
  }

  private ExtractionEvaluation() {}

  public static Path warc(Path corpusSamples) {
    return corpusSamples.resolve("web/pages-dev.warc.gz");
  }

  public static Path gold(Path corpusSamples) {
    return corpusSamples.resolve("web/pages-dev.gold.jsonl");
  }

  /** Scores every gold page, in gold-file order. */
  public static List<PageScore> evaluate(Path warc, Path gold) throws IOException {
    Map<String, String> extracted = new HashMap<>();
    InputFile file = new InputFile(warc.toUri().toString(), Files.size(warc), new HadoopConf(new Configuration()));
    for (Iterator<ReadRecord> it = new WarcReader("web", new IngestConfig()).read(file); it.hasNext(); ) {
      ReadRecord r = it.next();
      if (r.isKept()) extracted.put(r.getDoc().getUrl(), r.getDoc().getText());
    }
    List<PageScore> scores = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        JsonNode page = JSON.readTree(line);
        String uri = page.get("uri").asText();
        scores.add(score(uri, extracted.getOrDefault(uri, ""), page.get("text").asText()));
      }
    }
    return scores;
  }

  public static PageScore score(String uri, String extracted, String gold) {
    Map<String, Integer> got = tokens(extracted);
    Map<String, Integer> want = tokens(gold);
    long overlap = 0;
    for (Map.Entry<String, Integer> e : got.entrySet()) overlap += Math.min(e.getValue(), want.getOrDefault(e.getKey(), 0));
    long gotCount = got.values().stream().mapToLong(Integer::longValue).sum();
    long wantCount = want.values().stream().mapToLong(Integer::longValue).sum();
    if (gotCount == 0 && wantCount == 0) return new PageScore(uri, 1, 1, 1);
    double precision = gotCount == 0 ? 0 : (double) overlap / gotCount;
    double recall = wantCount == 0 ? 0 : (double) overlap / wantCount;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new PageScore(uri, precision, recall, f1);
  }

  public static double mean(List<PageScore> scores, java.util.function.ToDoubleFunction<PageScore> metric) {
    return scores.stream().mapToDouble(metric).average().orElse(0);
  }

  private static Map<String, Integer> tokens(String text) {
    Map<String, Integer> counts = new TreeMap<>();
    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) counts.merge(m.group(), 1, Integer::sum);
    return counts;
  }
}
