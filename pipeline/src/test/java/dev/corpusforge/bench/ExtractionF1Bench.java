package dev.corpusforge.bench;

import dev.corpusforge.extract.ExtractionEvaluation;
import dev.corpusforge.extract.ExtractionEvaluation.PageScore;
import dev.corpusforge.extract.ShingleEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Main-content extraction quality, two figures:
 * <ul>
 *   <li>Readability agreement: token P/R/F1 of the web reader's text against the Readability-derived gold of the
 *       65 pages in {@code web/pages-dev}, averaged over pages;
 *   <li>human-annotated dev set: the field's shingle F1, precision, recall and exact-match accuracy
 *       ({@link ShingleEvaluation}, as {@code web-annotated/score.py}) of title + newline + text on the 460 pages of
 *       {@code web-annotated}.
 * </ul>
 * Run: {@code bin/bench pipeline ExtractionF1Bench [corpus-samples dir] [--pages] [--docs OUT.jsonl] [--peer]};
 * {@code --pages} lists each page's figures, {@code --docs} writes the annotated-set output for {@code score.py},
 * {@code --peer} also runs Mozilla Readability.js on the same pages ({@code bench/readability-peer/run.sh}: JSDOM and
 * {@code new Readability(document).parse()}, versions pinned in its package-lock.json, installed by {@code npm ci} on
 * first use) and prints its figures by the same metric beside ours.
 */
public final class ExtractionF1Bench {
  public static void main(String[] args) throws Exception {
    Path samples = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    boolean perPage = false;
    boolean peer = false;
    Path docs = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--pages")) perPage = true;
      else if (args[i].equals("--peer")) peer = true;
      else if (args[i].equals("--docs")) docs = Path.of(args[++i]);
      else samples = Path.of(args[i]);
    }
    List<PageScore> scores = ExtractionEvaluation.evaluate(ExtractionEvaluation.warc(samples),
        ExtractionEvaluation.gold(samples));
    if (perPage) {
      System.out.printf("%-55s %6s %6s %6s%n", "page", "P", "R", "F1");
      for (PageScore s : scores) System.out.printf("%-55s %6.3f %6.3f %6.3f%n", s.uri, s.precision, s.recall, s.f1);
    }
    System.out.printf("Readability agreement (web/pages-dev, token multiset, mean over %d pages): "
        + "F1 %.3f precision %.3f recall %.3f%n", scores.size(),
        ExtractionEvaluation.mean(scores, s -> s.f1), ExtractionEvaluation.mean(scores, s -> s.precision),
        ExtractionEvaluation.mean(scores, s -> s.recall));

    ShingleEvaluation.Result annotated = ShingleEvaluation.evaluate(ShingleEvaluation.warc(samples),
        ShingleEvaluation.gold(samples));
    if (perPage) {
      System.out.printf("%-20s %6s %6s %6s %6s%n", "page", "P", "R", "exact", "tokens");
      for (ShingleEvaluation.Page p : annotated.pages) {
        System.out.printf("%-20s %6.3f %6.3f %6s %6d%n", p.id, p.precision(), p.recall(), p.exact,
            ShingleEvaluation.tokens(p.output).size());
      }
    }
    System.out.printf("human-annotated (web-annotated, 4-gram shingles, %d pages, %d missing): "
        + "F1 %.3f precision %.3f recall %.3f exact %.3f%n", annotated.pages.size(), annotated.missing,
        annotated.f1, annotated.precision, annotated.recall, annotated.accuracy);
    if (peer) {
      Path script = Path.of(System.getProperty("corpusforge.root", ".")).resolve("bench/readability-peer/run.sh");
      Path peerDocs = Files.createTempFile("readability-peer", ".jsonl");
      Process run = new ProcessBuilder(script.toString(), ShingleEvaluation.warc(samples).toString(),
          peerDocs.toString()).inheritIO().start();
      if (run.waitFor() != 0) throw new IllegalStateException(script + " failed with exit code " + run.exitValue());
      ShingleEvaluation.Result r = ShingleEvaluation.score(ShingleEvaluation.readDocs(peerDocs),
          ShingleEvaluation.gold(samples));
      System.out.printf("peer, Readability.js on the same pages (web-annotated, 4-gram shingles, %d pages, "
          + "%d missing): F1 %.3f precision %.3f recall %.3f exact %.3f (its output: %s)%n", r.pages.size(),
          r.missing, r.f1, r.precision, r.recall, r.accuracy, peerDocs);
    }
    if (docs != null) {
      ShingleEvaluation.writeDocs(annotated, docs);
      System.out.println("wrote " + docs + " (python3 score.py score " + docs + " gold.jsonl)");
    }
    System.out.println("command: bin/bench pipeline ExtractionF1Bench" + (args.length > 0 ? " " + String.join(" ", args) : ""));
  }
}
