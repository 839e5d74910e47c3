package dev.corpusforge.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.testing.SparkTests;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Debian's {@code /usr/bin/fasttext} driven from tests (bin/test installs it), and labelled lines to train it on: the
 * paragraphs of the corpus-samples web gold texts, labelled with their page's language (en, es, fr, cs, de, ja).
 */
public final class FastTextCli {
  public static final String BINARY = "/usr/bin/fasttext";

  private FastTextCli() {}

  public static void requireInstalled() {
    assertTrue(Files.isExecutable(Path.of(BINARY)), BINARY + " is missing: `apt-get install fasttext` (bin/test does)");
  }

  public static void run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("fasttext.log").toFile()).start();
    assertEquals(0, p.waitFor(), "fasttext " + String.join(" ", args) + ": " + Files.readString(dir.resolve("fasttext.log")));
  }

  /** {@code fasttext predict-prob MODEL FILE -1}: per line, every label's probability (labels it omits are absent). */
  public static List<Map<String, Double>> predictProb(Path dir, Path model, Path input) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(BINARY, "predict-prob", model.toString(), input.toString(), "-1")
        .directory(dir.toFile()).redirectError(dir.resolve("predict.err").toFile()).start();
    List<Map<String, Double>> out = new ArrayList<>();
    try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split(" ");
        Map<String, Double> probs = new HashMap<>();
        for (int i = 0; i + 1 < f.length; i += 2) probs.put(f[i], Double.parseDouble(f[i + 1]));
        out.add(probs);
      }
    }
    assertEquals(0, p.waitFor(), Files.readString(dir.resolve("predict.err")));
    return out;
  }

  /** Labelled paragraphs ("__label__xx text"), one per line, of the web gold pages whose language is known. */
  public static List<String> languageLines() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (String page : Files.readAllLines(SparkTests.corpusSamples().resolve("web/pages-dev.gold.jsonl"))) {
      JsonNode d = json.readTree(page);
      if (d.path("lang").isNull() || d.path("lang").isMissingNode()) continue;
      String lang = d.get("lang").asText().toLowerCase(Locale.ROOT).split("-")[0];
      for (String para : d.get("text").asText().split("\n")) {
        if (para.isBlank()) continue;
        lines.add("__label__" + lang + " " + para.strip());
      }
    }
    return lines;
  }
}
