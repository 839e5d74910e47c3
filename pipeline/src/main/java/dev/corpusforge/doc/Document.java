package dev.corpusforge.doc;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one document schema every stage reads and writes. A Java bean so that {@link Documents#ENCODER} gives Spark
 * a typed encoder; the columns (alphabetical, as bean encoders order them) are the Parquet schema of every stage.
 */
public class Document implements Serializable {
  private static final long serialVersionUID = 1L;

  private String id;
  private String source;
  private String url;
  private String title;
  private String text;
  private String language;
  private Double languageScore;
  private Map<String, String> metadata = new TreeMap<>();
  private Provenance provenance = new Provenance();

  public Document() {}

  public Document(String id, String source, String url, String title, String text, Provenance provenance) {
    this.id = id;
    this.source = source;
    this.url = url;
    this.title = title;
    this.text = text;
    this.provenance = provenance;
  }

  /** Stable id: a hash of the source and the record's natural key, so reruns give the same ids. */
  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  /** web, wikipedia, arxiv, code, or the name given to a generic JSONL/Parquet input. */
  public String getSource() { return source; }
  public void setSource(String source) { this.source = source; }
  /** The URL for web and Wikipedia pages, the path for code and papers; null when there is none. */
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
  public String getTitle() { return title; }
  public void setTitle(String title) { this.title = title; }
  public String getText() { return text; }
  public void setText(String text) { this.text = text; }
  /** ISO 639-1 code set by language identification; null before it. */
  public String getLanguage() { return language; }
  public void setLanguage(String language) { this.language = language; }
  public Double getLanguageScore() { return languageScore; }
  public void setLanguageScore(Double languageScore) { this.languageScore = languageScore; }
  public Map<String, String> getMetadata() { return metadata; }
  public void setMetadata(Map<String, String> metadata) { this.metadata = metadata; }
  public Provenance getProvenance() { return provenance; }
  public void setProvenance(Provenance provenance) { this.provenance = provenance; }

  public Document putMetadata(String key, String value) {
    if (value != null) {
      if (!(metadata instanceof TreeMap)) metadata = new TreeMap<>(metadata);
      metadata.put(key, value);
    }
    return this;
  }

  @Override public boolean equals(Object o) {
    if (!(o instanceof Document)) return false;
    Document d = (Document) o;
    return Objects.equals(id, d.id) && Objects.equals(source, d.source) && Objects.equals(url, d.url)
        && Objects.equals(title, d.title) && Objects.equals(text, d.text) && Objects.equals(language, d.language)
        && Objects.equals(languageScore, d.languageScore) && Objects.equals(metadata, d.metadata)
        && Objects.equals(provenance, d.provenance);
  }

  @Override public int hashCode() { return Objects.hash(id, source, url, text); }

  @Override public String toString() {
    return "Document{" + id + ", " + source + ", " + (url != null ? url : provenance) + ", " + (text == null ? 0 : text.length()) + " chars}";
  }
}
