package dev.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corpusforge.testing.MultilingualSamples;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shingles of Chinese text: characters or dictionary words instead of one "word" per unspaced run. */
class CjkShinglesTest {
  @Test
  void chineseRunsBecomeCharactersOrWords() {
    assertEquals(5, new Shingles(5, "characters").scan("北京大学，iPhone").wordCount());
    assertTrue(new Shingles(5, "words").scan("北京大学，iPhone").wordCount() < 5);
  }

  @Test
  void spacedTextIsShingledAsBefore() {
    Shingles chars = new Shingles(5, "characters");
    Shingles words = new Shingles(5, "words");
    String text = "The Quick brown fox, jumps over the lazy dog's back 42 times.";
    assertEquals(13, chars.scan(text).wordCount());
    assertEquals(chars.scan(text).exactKey(), words.scan(text).exactKey());
    assertEquals(chars.scan(text).exactKey(), chars.scan("the quick BROWN fox jumps over the lazy dog s back 42 times").exactKey());
  }

  /** 1% of the characters edited keeps character 5-gram Jaccard above the 0.75 threshold; distinct texts stay below. */
  @Test
  void editedChineseCopiesStaySimilarAndDistinctTextsDoNot() throws Exception {
    List<String> texts = MultilingualSamples.zhOpenings().subList(0, 200);
    Shingles s = new Shingles(5, "characters");
    SplittableRandom random = new SplittableRandom(1);
    int similar = 0;
    double maxUnrelated = 0;
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      StringBuilder copy = new StringBuilder(t);
      for (int e = 0; e < Math.max(1, t.length() / 100); e++) copy.setCharAt(random.nextInt(copy.length()), '变');
      long[] a = s.scan(t).distinctSorted();
      if (JaccardVerification.jaccard(a, s.scan(copy.toString()).distinctSorted()) >= 0.75) similar++;
      double unrelated = JaccardVerification.jaccard(a, s.scan(texts.get((i + 1) % texts.size())).distinctSorted());
      maxUnrelated = Math.max(maxUnrelated, unrelated);
    }
    assertTrue(similar >= 0.95 * texts.size(), similar + " of " + texts.size());
    assertTrue(maxUnrelated < 0.75, "unrelated Jaccard " + maxUnrelated);
  }
}
