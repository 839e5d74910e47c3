package dev.corpusforge.clean.sentences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.testing.SparkTests;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both splitters on the hand-counted lines of data-samples/clean/sentences.tsv. */
class SentenceSplitterTest {
  /** {count, line} pairs. */
  static List<String[]> gold() throws Exception {
    return Files.readAllLines(SparkTests.root().resolve("data-samples/clean/sentences.tsv")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t", 2)).toList();
  }

  /** Fraction of gold lines whose sentence count the splitter gets exactly right. */
  public static double accuracy(SentenceSplitter s) throws Exception {
    List<String[]> gold = gold();
    int right = 0;
    for (String[] g : gold) if (Integer.parseInt(g[0]) == s.count(g[1])) right++;
    return (double) right / gold.size();
  }

  @Test
  void fastSplitterGetsAllHandCountedLinesRight() throws Exception {
    for (String[] g : gold()) assertEquals(Integer.parseInt(g[0]), new FastSentenceSplitter().count(g[1]), g[1]);
  }

  @Test
  void sparkNlpSplitterIsSelectableAndMostlyRight() throws Exception {
    double acc = accuracy(SentenceSplitter.named("sparknlp"));
    assertTrue(acc >= 0.6, "Spark NLP accuracy " + acc);
    assertEquals(3, SentenceSplitter.named("sparknlp").count("One is here. Two is there. Three is everywhere."));
  }

  @Test
  void startsAreTheBoundariesCountCounts() throws Exception {
    for (String name : List.of("fast", "sparknlp")) {
      SentenceSplitter s = SentenceSplitter.named(name);
      for (String[] g : gold()) assertEquals(s.count(g[1]) - 1, s.starts(g[1]).length, name + ": " + g[1]);
    }
    String text = "The meeting started at 9 a.m. sharp. Dr. Brown spoke first.  Everyone listened.";
    assertArrayEquals(new int[] {37, 61}, new FastSentenceSplitter().starts(text));
    assertArrayEquals(new int[] {13, 27}, SentenceSplitter.named("sparknlp").starts("One is here. Two is there. Three is everywhere."));
    assertArrayEquals(new int[] {6, 12}, new FastSentenceSplitter().starts("北京是首都。上海是城市！你去过吗？"));
  }

  @Test
  void emptyAndUnterminatedText() {
    FastSentenceSplitter fast = new FastSentenceSplitter();
    assertEquals(0, fast.count("   "));
    assertEquals(1, fast.count("no punctuation at all"));
    assertThrows(IllegalArgumentException.class, () -> SentenceSplitter.named("nltk"));
  }

  @Test
  void cjkFullStopsEndSentencesWithoutAFollowingSpace() {
    FastSentenceSplitter s = new FastSentenceSplitter();
    assertEquals(3, s.count("北京是首都。上海是最大的城市！你去过吗？"));
    assertEquals(2, s.count("他说：「我们走吧。」然后离开了。"));
    assertEquals(2, s.count("東京は日本の首都です。人口は約1400万人です"));
  }
}
