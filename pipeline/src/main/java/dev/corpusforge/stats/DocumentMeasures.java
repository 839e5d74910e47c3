package dev.corpusforge.stats;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;

import dev.corpusforge.stage.Rejects;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The few values per document that every table is computed from: stage, source, reason (null = kept), characters
 * and UTF-8 bytes of the text, language, domain, code language and tokens. Projecting these once means each stage's text column is read once,
 * however many tables there are. A column a stage does not have yet becomes null rather than an error.
 */
final class DocumentMeasures {
  static final String STAGE = "stage";
  static final String ORDER = "stage_order";
  static final String SOURCE = "source";
  static final String REASON = "reason";
  static final String CHARS = "chars";
  static final String BYTES = "bytes";
  static final String LANGUAGE = "language";
  static final String LANGUAGE_SCORE = "language_score";
  static final String DOMAIN = "domain";
  static final String CODE_LANGUAGE = "code_language";
  static final String TOKENS = "tokens";

  /** The document schema's columns: anything else numeric that a stage keeps is a quality signal. */
  static final Set<String> DOCUMENT_COLUMNS = Set.of("id", "language", "languageScore", "metadata", "provenance",
      "source", "text", "title", "url", Rejects.REASON, Rejects.DETAILS, "tokens");
  /** Names a stage may give its per-document token count (with or without the token array). */
  static final List<String> TOKEN_COUNT_COLUMNS = List.of("token_count", "tokenCount", "num_tokens", "n_tokens", "ntokens");
  /** Metadata keys under which a reader may name a file's programming language. */
  private static final List<String> CODE_LANGUAGE_KEYS = List.of("code_language", "programming_language", "code_lang");

  private DocumentMeasures() {}

  static Dataset<Row> of(Dataset<Row> docs, String stage, int order) {
    StructType schema = docs.schema();
    return docs.select(
        lit(stage).as(STAGE),
        lit(order).as(ORDER),
        coalesce(col("source"), lit("(none)")).as(SOURCE),
        has(schema, Rejects.REASON) ? col(Rejects.REASON) : lit(null).cast(DataTypes.StringType).as(REASON),
        coalesce(length(col("text")), lit(0)).cast(DataTypes.LongType).as(CHARS),
        coalesce(functions.call_function("octet_length", col("text")), lit(0)).cast(DataTypes.LongType).as(BYTES),
        has(schema, "language") ? nullif(col("language"), lit("")).as(LANGUAGE) : lit(null).cast(DataTypes.StringType).as(LANGUAGE),
        has(schema, "languageScore") ? col("languageScore").cast(DataTypes.DoubleType).as(LANGUAGE_SCORE)
            : lit(null).cast(DataTypes.DoubleType).as(LANGUAGE_SCORE),
        has(schema, "url") ? domain(col("url")).as(DOMAIN) : lit(null).cast(DataTypes.StringType).as(DOMAIN),
        codeLanguage(schema).as(CODE_LANGUAGE),
        tokens(schema).as(TOKENS))
        .toDF(STAGE, ORDER, SOURCE, REASON, CHARS, BYTES, LANGUAGE, LANGUAGE_SCORE, DOMAIN, CODE_LANGUAGE, TOKENS);
  }

  /** The host of a URL, lower-cased, without a leading "www."; null when the URL does not parse. */
  static Column domain(Column url) {
    return nullif(regexp_replace(lower(functions.call_function("parse_url", url, lit("HOST"))), "^www\\.", ""), lit(""));
  }

  /**
   * A reader's code-language metadata; for code documents (source named "code...") also the code reader's
   * {@code language} metadata, else the file extension.
   */
  private static Column codeLanguage(StructType schema) {
    if (!has(schema, "metadata")) return lit(null).cast(DataTypes.StringType);
    Column md = col("metadata");
    Column named = coalesce(CODE_LANGUAGE_KEYS.stream().map(k -> nullif(md.getItem(k), lit(""))).toArray(Column[]::new));
    Column path = has(schema, "provenance") ? coalesce(md.getItem("path"), col("provenance.entry"), col("provenance.file")) : md.getItem("path");
    Column extension = nullif(lower(regexp_extract(path, "\\.([A-Za-z0-9+#_-]{1,12})$", 1)), lit(""));
    Column ofCode = coalesce(nullif(md.getItem("language"), lit("")), extension);
    return coalesce(named, functions.when(col("source").startsWith("code"), ofCode));
  }

  /** A stage's count column when it has one (tokenize's {@code token_count}): one int per document to read, not every token. */
  private static Column tokens(StructType schema) {
    for (String c : TOKEN_COUNT_COLUMNS) {
      if (has(schema, c)) return col(c).cast(DataTypes.LongType);
    }
    if (has(schema, "tokens") && schema.apply("tokens").dataType() instanceof ArrayType) {
      return size(col("tokens")).cast(DataTypes.LongType);
    }
    return lit(null).cast(DataTypes.LongType);
  }

  /** Numeric columns beyond the document schema: the quality signals an {@code --annotate-only} stage keeps. */
  static List<String> signalColumns(StructType schema) {
    return Arrays.stream(schema.fields())
        .filter(f -> f.dataType() instanceof NumericType && !DOCUMENT_COLUMNS.contains(f.name())
            && !TOKEN_COUNT_COLUMNS.contains(f.name()))
        .map(StructField::name).sorted().toList();
  }

  static boolean has(StructType schema, String column) {
    return Arrays.asList(schema.fieldNames()).contains(column);
  }

  static boolean hasTokens(StructType schema) {
    return (has(schema, "tokens") && schema.apply("tokens").dataType() instanceof ArrayType)
        || TOKEN_COUNT_COLUMNS.stream().anyMatch(c -> has(schema, c));
  }
}
