package dev.corpusforge.fasttext;

import dev.corpusforge.config.QualityConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/** fastText models loaded once per JVM (driver or executor) by path, shared by every task's predictors. */
public final class FastTextModels {
  private static final Map<String, FastTextModel> LOADED = new ConcurrentHashMap<>();

  private FastTextModels() {}

  /** Whether a model setting names a fastText model ({@code fasttext:PATH}). */
  public static boolean isFastText(String setting) {
    return setting != null && setting.startsWith(QualityConfig.FASTTEXT);
  }

  /** The model of {@code fasttext:PATH} (any Hadoop path), read on first use. */
  public static FastTextModel get(String setting) {
    String path = setting.substring(QualityConfig.FASTTEXT.length());
    return LOADED.computeIfAbsent(path, p -> {
      try {
        return FastTextModel.load(p, new Configuration());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the fastText model " + p, e);
      }
    });
  }
}
