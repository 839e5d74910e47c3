package dev.corpusforge.clean.lang;

import dev.corpusforge.fasttext.FastTextModel;
import dev.corpusforge.fasttext.FastTextModels;

/**
 * Language identification with a fastText model ({@code clean.language.model: fasttext:PATH}: lid.176, GlotLID): the
 * top label without its {@code __label__} prefix (en, or GlotLID's eng_Latn) and its probability, on the whole text
 * with line breaks as spaces, as FineWeb runs lid.176.
 */
final class FastTextLanguageIdentifier {
  private static final String PREFIX = "__label__";
  private final String[] languages;
  private final FastTextModel.Predictor predictor;

  FastTextLanguageIdentifier(String setting) {
    if (!FastTextModels.isFastText(setting)) {
      throw new IllegalArgumentException("clean.language.model: '" + setting + "' is not fasttext:PATH; leave it empty for "
          + "the built-in detector");
    }
    FastTextModel model = FastTextModels.get(setting);
    String[] labels = model.labels();
    languages = new String[labels.length];
    for (int i = 0; i < labels.length; i++) languages[i] = labels[i].startsWith(PREFIX) ? labels[i].substring(PREFIX.length()) : labels[i];
    predictor = model.predictor();
  }

  LanguageIdentifier.Result identify(String text) {
    float[] p = predictor.predict(text);
    int best = 0;
    for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    // The model's label is the language as it names it (lid.176: "zh"; GlotLID: "zho_Hans"); no script is added.
    return p.length == 0 ? new LanguageIdentifier.Result(LanguageIdentifier.UNDETERMINED, 0, null)
        : new LanguageIdentifier.Result(languages[best], p[best], null);
  }
}
