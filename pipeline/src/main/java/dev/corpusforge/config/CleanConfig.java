package dev.corpusforge.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clean stage: which steps run for which source, and every threshold of every rule. Defaults are the published
 * values; each comment names where a value comes from. Steps run in list order; the first rejecting step decides,
 * except with {@link #annotateOnly}, where every step runs and nothing is dropped.
 */
public class CleanConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Write every signal of every step as a column and drop nothing (RedPajama-v2's quality signals), so thresholds
   * can be chosen on real data before filtering; the reason a document would have been dropped goes to
   * {@code would_reject_reason}.
   */
  public boolean annotateOnly = false;

  /**
   * Step lists by source. Step names: normalize, normalize_code, citations, language, language_id, gopher_quality,
   * gopher_repetition, c4, fineweb, code, pii, secrets. A source not listed here (a jsonl/parquet input's name)
   * uses {@code other}.
   */
  public Map<String, List<String>> steps = defaultSteps();

  public Normalize normalize = new Normalize();
  public Language language = new Language();
  public GopherQuality gopherQuality = new GopherQuality();
  public GopherRepetition gopherRepetition = new GopherRepetition();
  public C4 c4 = new C4();
  public FineWeb fineweb = new FineWeb();
  public Code code = new Code();
  public Pii pii = new Pii();
  public Limits limits = new Limits();
  /**
   * Thresholds of the word-based rules by the identified language (ISO 639-1 code; the {@code language} or
   * {@code language_id} step must run first). English, and documents whose language is not identified, use the
   * sections above unchanged; a language listed here uses its entry; every other language uses
   * {@link LanguageRules#OTHER}. A section left null in an entry is the one above.
   */
  public Map<String, LanguageRules> languageRules = LanguageRules.defaults();

  private static Map<String, List<String>> defaultSteps() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    // Web: every text rule, in the order FineWeb runs them (language, Gopher, C4, FineWeb), then PII (Dolma, StarCoder).
    List<String> web = List.of("normalize", "citations", "language", "gopher_repetition", "gopher_quality", "c4",
        "fineweb", "pii");
    m.put("web", web);
    // Wikipedia and arXiv are curated, single-language-by-construction sources: the web boilerplate rules (C4's line
    // rules, FineWeb's list and punctuation ratios, Gopher's English stop words) would only remove good text, LaTeX and
    // wiki lists included. Kept: normalization, language tagging and Gopher's repetition rules against degenerate pages.
    m.put("wikipedia", List.of("normalize", "language_id", "gopher_repetition"));
    m.put("arxiv", List.of("normalize", "language_id", "gopher_repetition"));
    // Code: whitespace is syntax, so only the code-safe normalization, the StarCoder rules and secret redaction.
    m.put("code", List.of("normalize_code", "code", "secrets"));
    // Generic JSONL/Parquet inputs: treated as web text unless configured.
    m.put("other", web);
    return m;
  }

  /** Text normalization. */
  public static class Normalize implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Unicode NFC, so that the same text has one encoding (FineWeb and Dolma normalize before dedup). */
    public boolean nfc = true;
    /**
     * Remove C0/C1 control characters (tab and newline kept) and invisible format characters: zero-width space, word
     * joiner, BOM, soft hyphen. ZWJ and ZWNJ stay: Persian, Indic scripts and emoji sequences need them.
     */
    public boolean controls = true;
    /** Repair UTF-8 text that was decoded as Latin-1/CP1252 ("Ã©" for "é"), as ftfy does. */
    public boolean mojibake = true;
    /** Collapse runs of spaces and tabs, trim lines, at most one blank line in a row, CRLF to LF. */
    public boolean whitespace = true;
    /**
     * Full-width Latin letters and digits (ＡＢＣ１２３, common in Chinese and Japanese text) to ASCII, so that words and
     * numbers match their ASCII spelling; full-width punctuation (，。！？（）) is kept, as CJK text writes it.
     */
    public boolean fullWidthAlphanumerics = true;
    /**
     * Resolve MediaWiki language-variant markup ({@code -{…}-}) left in text copied from Chinese wikis to its
     * Simplified (else first) variant, as the Wikipedia reader does; otherwise C4 rejects the text for its braces.
     */
    public boolean languageVariants = true;
  }

  /** Language identification (optimaize language-detector 0.6; its n-gram profiles ship in its jar). */
  public static class Language implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Languages the {@code language} step keeps (ISO 639-1). English only by default, as FineWeb and Gopher do, because
     * the quality rules that follow it on web text are English-calibrated (Gopher's stop words, C4's punctuation). Empty
     * keeps every language that clears {@link #minScore}.
     */
    public List<String> keep = new ArrayList<>(List.of("en"));
    /** Minimum probability of the top language (FineWeb: fastText English score ≥ 0.65). */
    public double minScore = 0.65;
    /**
     * The identifier: empty for the built-in one, or {@code fasttext:PATH} of a fastText language-ID model (lid.176.bin
     * or .ftz, GlotLID) read by corpusforge's own reader; its labels without {@code __label__} become the language.
     */
    public String model = "";
  }

  /** The per-language sections of {@link #languageRules}. */
  public static class LanguageRules implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The key of the generic fallback for languages without their own entry. */
    public static final String OTHER = "other";
    public GopherQuality gopherQuality;
    public C4 c4;
    public FineWeb fineweb;

    /**
     * Chinese and Japanese calibrated in the way of FineWeb-2 (Penedo et al. 2025, "FineWeb2", section 4): measure each
     * statistic on reference text of the language and of English, and move the English threshold to the same place in
     * the language's distribution; stop words are the language's most frequent words. Reference text: the shared zh/ja
     * Wikipedia samples and the shared enwiki sample, words by ICU4J ({@code bin/bench pipeline MultilingualBench
     * calibrate}, BENCHMARKS.md). Matching rejection quantiles is degenerate there (English thresholds reject 0% of
     * enwiki), so word-length bounds scale with the median word length (en 5.35, zh 1.76, ja 2.05 characters) and
     * line-length bounds with characters per word (en 5.37, zh 1.86, ja 2.03). Word counts, ratios and C4's sentence
     * count stay English: on the samples they reject about as much of zh/ja as of English. The fallback keeps the English values but drops the
     * stop-word rule, which needs a list per language.
     */
    static Map<String, LanguageRules> defaults() {
      Map<String, LanguageRules> m = new LinkedHashMap<>();
      // Stop words: the 8 most frequent words of the zh samples except 年 ("year", frequent only through dates).
      LanguageRules zh = cjk(1.0, 3.3, List.of("的", "在", "是", "和", "为", "于", "与", "了"), 10);
      // 13% of the zh sample texts are one paragraph whose last words are a heading the extraction glued on: FineWeb's
      // rule (0 of 1 lines punctuated) rejected all of them (117 of 871; enwiki: none).
      zh.fineweb.terminalPunctuationExcludeZero = true;
      m.put("zh", zh);
      // Stop words: the 8 most frequent words of the ja samples (all particles and auxiliaries).
      m.put("ja", cjk(1.15, 3.8, List.of("の", "は", "に", "を", "が", "と", "で", "た"), 11));
      LanguageRules other = new LanguageRules();
      other.gopherQuality = new GopherQuality();
      other.gopherQuality.stopWords = new ArrayList<>();
      other.gopherQuality.minStopWords = 0;
      m.put(OTHER, other);
      return m;
    }

    /** Gopher's mean word length 3-10 and FineWeb's 30-character short line, scaled as above; 2 stop words as Gopher. */
    private static LanguageRules cjk(double minMeanWordLength, double maxMeanWordLength, List<String> stopWords,
        int shortLineChars) {
      LanguageRules r = new LanguageRules();
      r.gopherQuality = new GopherQuality();
      r.gopherQuality.minMeanWordLength = minMeanWordLength;
      r.gopherQuality.maxMeanWordLength = maxMeanWordLength;
      r.gopherQuality.stopWords = new ArrayList<>(stopWords);
      r.fineweb = new FineWeb();
      r.fineweb.shortLineChars = shortLineChars;
      // C4's line rule for terminal punctuation is off, as FineWeb and FineWeb-2 run C4 (datatrove C4QualityFilter
      // filter_no_terminal_punct=False): on the zh sample it empties 10% of the texts, excerpts cut mid-sentence.
      r.c4 = new C4();
      r.c4.removeLinesWithoutTerminalPunctuation = false;
      return r;
    }
  }

  /** Gopher quality filter: Rae et al. 2021, "Scaling Language Models" (MassiveText), appendix A.1.1. */
  public static class GopherQuality implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Words not made only of punctuation: 50 to 100,000 (Gopher). */
    public int minWords = 50;
    public int maxWords = 100_000;
    /** Mean word length in characters: 3 to 10 (Gopher). */
    public double minMeanWordLength = 3;
    public double maxMeanWordLength = 10;
    /** '#' per word and ellipses per word, each at most 0.1 (Gopher's symbol-to-word ratio). */
    public double maxSymbolWordRatio = 0.1;
    /** At most 90% of lines starting with a bullet point (Gopher). */
    public double maxBulletLineRatio = 0.9;
    /** At most 30% of lines ending with an ellipsis (Gopher). */
    public double maxEllipsisLineRatio = 0.3;
    /** At least 80% of words containing an alphabetic character (Gopher). */
    public double minAlphaWordRatio = 0.8;
    /** At least 2 of the stop words below (Gopher). */
    public int minStopWords = 2;
    public List<String> stopWords = new ArrayList<>(List.of("the", "be", "to", "of", "and", "that", "have", "with"));
  }

  /** Gopher repetition filter: Rae et al. 2021, appendix A.1.1, table A1; values as in datatrove. */
  public static class GopherRepetition implements Serializable {
    private static final long serialVersionUID = 1L;
    public double maxDuplicateLineFraction = 0.30;
    public double maxDuplicateLineCharFraction = 0.20;
    public double maxDuplicateParagraphFraction = 0.30;
    public double maxDuplicateParagraphCharFraction = 0.20;
    /** Characters in the most common n-gram, n = 2, 3, 4: at most 0.20, 0.18, 0.16 of the text. */
    public List<Double> maxTopNgramCharFraction = new ArrayList<>(List.of(0.20, 0.18, 0.16));
    /** Characters in duplicated n-grams, n = 5..10: at most 0.15, 0.14, 0.13, 0.12, 0.11, 0.10 of the text. */
    public List<Double> maxDuplicateNgramCharFraction = new ArrayList<>(List.of(0.15, 0.14, 0.13, 0.12, 0.11, 0.10));
  }

  /** C4: Raffel et al. 2020, section 2.2, as implemented in TensorFlow Datasets' c4_utils.clean_page. */
  public static class C4 implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Lines with fewer words are removed (C4: 3). */
    public int minWordsPerLine = 3;
    /** Documents with fewer sentences after line removal are dropped (C4: 5). */
    public int minSentences = 5;
    /** Lines with a longer word are removed (C4: 1,000 characters). */
    public int maxWordLength = 1000;
    /** Lines not ending in terminal punctuation (. ? ! ") or ending in "..." are removed (C4). */
    public boolean removeLinesWithoutTerminalPunctuation = true;
    /** Lines mentioning JavaScript are removed (C4). */
    public boolean removeJavascriptLines = true;
    /** Lines with these phrases are removed (C4's policy substrings). */
    public List<String> policyPhrases = new ArrayList<>(List.of("terms of use", "privacy policy", "cookie policy",
        "uses cookies", "use of cookies", "use cookies"));
    /** Drop documents with "lorem ipsum" (C4). */
    public boolean dropLoremIpsum = true;
    /** Drop documents with a curly bracket, to keep code out of natural-language text (C4). */
    public boolean dropCurlyBracket = true;
    /**
     * Drop documents containing any of these words or phrases (C4 used the LDNOOBW list). Empty by default: the list
     * is not ours to ship; name a file with one entry per line in {@link #badWordsFile} or list them here.
     */
    public List<String> badWords = new ArrayList<>();
    public String badWordsFile;
    /** Sentence counting: "fast" (our rule-based splitter) or "sparknlp" (Spark NLP's pragmatic SentenceDetector). */
    public String sentenceSplitter = "fast";
  }

  /** FineWeb quality filter: Penedo et al. 2024, "The FineWeb Datasets", section 3.5; values as in datatrove. */
  public static class FineWeb implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Fraction of lines ending in terminal punctuation: at least 0.12. */
    public double minTerminalPunctuationLineRatio = 0.12;
    /**
     * Exempt documents with no line ending in terminal punctuation from the rule above (datatrove's
     * line_punct_exclude_zero, for languages and sources where a whole document can be one unpunctuated line). Off,
     * as in FineWeb.
     */
    public boolean terminalPunctuationExcludeZero = false;
    /** Fraction of lines of at most {@link #shortLineChars} characters: at most 0.67. */
    public double maxShortLineRatio = 0.67;
    public int shortLineChars = 30;
    /** Characters in duplicated lines over all characters (newlines excluded): at most 0.01. */
    public double maxDuplicateLineCharRatio = 0.01;
    /** Newlines per word: at most 0.3. */
    public double maxNewlineWordRatio = 0.3;
  }

  /** Code rules: StarCoder (Li et al. 2023, section 3) and the bigcode-dataset preprocessing defaults. */
  public static class Code implements Serializable {
    private static final long serialVersionUID = 1L;
    public int maxLineLength = 1000;
    public double maxMeanLineLength = 100;
    public double minAlphanumericFraction = 0.25;
    /** Files whose first lines say they are generated are dropped (StarCoder looks at the first 5 lines). */
    public int generatedMarkerLines = 5;
    public List<String> generatedMarkers = new ArrayList<>(List.of("auto-generated", "autogenerated",
        "automatically generated", "generated automatically", "do not edit"));
    /** XML files ("<?xml version=" in the first 100 characters) are dropped (StarCoder). */
    public boolean dropXml = true;
    /** Per-extension settings that replace the ones above for matching files; empty fields keep the defaults. */
    public List<CodeOverride> perExtension = new ArrayList<>(List.of(CodeOverride.dataFiles()));
  }

  public static class CodeOverride implements Serializable {
    private static final long serialVersionUID = 1L;
    public List<String> extensions = new ArrayList<>();
    public Integer maxLineLength;
    public Double maxMeanLineLength;
    public Double minAlphanumericFraction;
    public Integer minChars;
    public Integer maxChars;

    /** StarCoder keeps JSON and YAML files of 50 to 5,000 characters only. */
    static CodeOverride dataFiles() {
      CodeOverride o = new CodeOverride();
      o.extensions = new ArrayList<>(List.of("json", "yaml", "yml"));
      o.minChars = 50;
      o.maxChars = 5000;
      return o;
    }
  }

  /** PII and secrets: fixed placeholders, as StarCoder's and Dolma's PII steps do. */
  public static class Pii implements Serializable {
    private static final long serialVersionUID = 1L;
    public String emailPlaceholder = "<EMAIL>";
    public String ipPlaceholder = "<IP_ADDRESS>";
    public String secretPlaceholder = "<SECRET>";
    public boolean emails = true;
    /** Public IPv4 and IPv6 addresses; private, loopback, link-local, reserved and documentation ranges are kept. */
    public boolean ipAddresses = true;
  }

  /** Work caps that keep one hostile document from stalling a task. */
  public static class Limits implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Characters a regex scan (PII, secrets, citation markers, C4 bad words) may read per character of the document,
     * plus {@link #regexWorkFloor}; past it the document is rejected as {@code clean:regex-budget}. Measured on the
     * corpus samples and this project's sources (docs/bench/cluster.md, RegexWorkBench): real documents need at most
     * 32 reads per character, text built against the secrets pattern at most 512; 1,000 rejects none of them and
     * still stops any scan at 1,000 times the cost of reading the document once.
     */
    public double regexWorkPerChar = 1000;
    /** Reads every scan may do whatever the document's length, so short documents are never cut off. */
    public long regexWorkFloor = 1_000_000;
  }
}
