package dev.corpusforge.bench;

import dev.corpusforge.extract.ExtractionEvaluation;
import dev.corpusforge.extract.ExtractionEvaluation.PageScore;
import java.nio.file.Path;
import java.util.List;

/**
 * Main-content extraction quality: token P/R/F1 of the web reader's text against the gold text of the dev pages.
 * Run: {@code bin/bench pipeline ExtractionF1Bench [corpus-samples dir]}.
 */
public final class ExtractionF1Bench {
  public static void main(String[] args) throws Exception {
    Path samples = args.length > 0 ? Path.of(args[0])
        : Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    List<PageScore> scores = ExtractionEvaluation.evaluate(ExtractionEvaluation.warc(samples),
        ExtractionEvaluation.gold(samples));
    System.out.printf("%-55s %6s %6s %6s%n", "page", "P", "R", "F1");
    for (PageScore s : scores) System.out.printf("%-55s %6.3f %6.3f %6.3f%n", s.uri, s.precision, s.recall, s.f1);
    System.out.printf("%-55s %6.3f %6.3f %6.3f%n", "MEAN over " + scores.size() + " pages",
        ExtractionEvaluation.mean(scores, s -> s.precision), ExtractionEvaluation.mean(scores, s -> s.recall),
        ExtractionEvaluation.mean(scores, s -> s.f1));
    System.out.println("command: bin/bench pipeline ExtractionF1Bench");
  }
}
