package dev.corpusforge.bench;

import dev.corpusforge.clean.CleanDoc;
import dev.corpusforge.clean.CleanStep;
import dev.corpusforge.clean.CleanSteps;
import dev.corpusforge.clean.RegexBudget;
import dev.corpusforge.config.CleanConfig;
import dev.corpusforge.testing.RegexAdversaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How much regex work real documents and adversarial ones need: runs the clean steps that scan with regular
 * expressions (citations, c4, pii, secrets) with {@code clean.limits.regexWorkFloor} = 0 and
 * {@code regexWorkPerChar} = 1, 2, 4, ... and prints, per setting, how many documents run out of budget: the
 * smallest setting with none is the most work per character that input needs. Inputs: the pages-dev gold texts and
 * Wikipedia excerpts of the corpus samples, this project's own Java sources (as code), and
 * {@link RegexAdversaries} at 100,000 characters.
 * Run: {@code bin/bench pipeline RegexWorkBench}.
 */
public final class RegexWorkBench {
  private static final List<String> STEPS = List.of("citations", "c4", "pii", "secrets");

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(System.getProperty("corpusforge.shared", "../shared")).resolve("corpus-samples");
    List<String> text = new ArrayList<>();
    for (CleanBench.Input in : CleanBench.inputs(samples)) text.add(in.text());
    List<String> code = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("corpusforge.root", ".")).resolve("pipeline/src"))) {
      for (Path p : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        code.add(Files.readString(p));
      }
    }
    System.out.printf("real input: %d text documents, %d Java source files%n", text.size(), code.size());
    System.out.println("reads/char  text rejected  code rejected");
    for (int perChar = 1; perChar <= 4096; perChar *= 2) {
      System.out.printf("%10d  %13d  %13d%n", perChar, overBudget(text, perChar), overBudget(code, perChar));
    }
    System.out.println("adversarial, 100,000 chars: rule, unit, smallest reads/char setting that passes");
    for (RegexAdversaries.Adversary a : RegexAdversaries.ALL) {
      String s = a.of(100_000);
      int perChar = 1;
      while (perChar <= 1 << 20 && overBudget(List.of(s), perChar) > 0) perChar *= 2;
      System.out.printf("  %-22s %-24s %d%n", a.rule(), '"' + s.substring(0, Math.min(20, s.length())) + '"', perChar);
    }
    System.out.println("command: bin/bench pipeline RegexWorkBench");
  }

  /** Documents that a regex step rejects for running out of budget at this setting (floor 0). */
  private static int overBudget(List<String> docs, int perChar) {
    CleanConfig.Limits limits = new CleanConfig.Limits();
    limits.regexWorkFloor = 0;
    limits.regexWorkPerChar = perChar;
    CleanConfig config = new CleanConfig();
    List<CleanStep> steps = new ArrayList<>();
    for (String name : STEPS) steps.add(CleanSteps.create(name, config, List.of()));
    int over = 0;
    for (String text : docs) {
      for (CleanStep step : steps) {
        try {
          step.apply(CleanDoc.of(text, "x.py", limits));
        } catch (RegexBudget.Exceeded e) {
          over++;
          break;
        }
      }
    }
    return over;
  }
}
