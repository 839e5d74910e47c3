package dev.corpusforge.ingest.readers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corpusforge.config.IngestConfig;
import dev.corpusforge.config.PipelineConfig.IngestInput;
import dev.corpusforge.doc.Document;
import dev.corpusforge.doc.Documents;
import dev.corpusforge.doc.Provenance;
import dev.corpusforge.ingest.InputFile;
import dev.corpusforge.ingest.ReadRecord;
import dev.corpusforge.ingest.SourceReader;
import dev.corpusforge.io.InvalidCodePoints;
import dev.corpusforge.io.LineRecords;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON lines (plain, .gz or .bz2), one document per line, with configurable text, id, url and title fields. The
 * record's own id goes to metadata {@code source_id} and its other scalar fields to metadata too.
 */
public final class JsonlReader implements SourceReader {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final IngestInput fields;
  private final IngestConfig limits;
  private transient ObjectMapper parser;

  public JsonlReader(String source, IngestInput fields, IngestConfig limits) {
    CodePointPolicy.check(limits);
    this.source = source;
    this.fields = fields;
    this.limits = limits;
  }

  @Override public Iterator<ReadRecord> read(InputFile file) throws IOException {
    LineRecords lines = new LineRecords(file.openDecompressed(), limits.maxRecordBytes);
    return new Iterator<>() {
      @Override public boolean hasNext() {
        return lines.hasNext();
      }

      @Override public ReadRecord next() {
        return toRecord(file, lines.next());
      }
    };
  }

  private ReadRecord toRecord(InputFile file, LineRecords.Line line) {
    Provenance prov = new Provenance(file.path(), line.offset, "line " + line.number);
    String fallbackId = Documents.stableId(source, file.name() + ":" + line.number);
    Document doc = new Document(fallbackId, source, null, null, null, prov);
    if (line.tooLong) return ReadRecord.rejected(doc, "too-large", "{\"bytes\":" + line.bytes + "}");
    if (line.text.isBlank()) return ReadRecord.rejected(doc, "empty", null);
    JsonNode node;
    try {
      node = parser().readTree(line.text);
    } catch (JsonParseException e) {
      return ReadRecord.rejected(doc, "invalid-json", "{\"error\":" + JSON.valueToTree(e.getOriginalMessage()) + "}");
    } catch (IOException e) {
      return ReadRecord.rejected(doc, "invalid-json", null);
    }
    if (!node.isObject()) return ReadRecord.rejected(doc, "invalid-json", "{\"error\":\"not an object\"}");
    JsonNode id = node.get(fields.idField);
    if (id != null && !id.isNull()) {
      doc.setId(Documents.stableId(source, id.asText()));
      doc.putMetadata("source_id", id.asText());
    }
    int[] invalid = {line.invalidUtf8};
    doc.setUrl(valid(text(node, fields.urlField), invalid));
    doc.setTitle(valid(text(node, fields.titleField), invalid));
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals(fields.textField) || k.equals(fields.idField) || k.equals(fields.urlField) || k.equals(fields.titleField)) continue;
      doc.putMetadata(valid(k, invalid),
          valid(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString(), invalid));
    }
    String text = valid(text(node, fields.textField), invalid);
    if (text == null) return ReadRecord.rejected(doc, "missing-text", "{\"field\":" + JSON.valueToTree(fields.textField) + "}");
    if (text.length() > limits.maxDocumentChars) {
      return ReadRecord.rejected(doc, "too-large", "{\"chars\":" + text.length() + "}");
    }
    doc.setText(text);
    // Invalid UTF-8 in the line and lone surrogates in the parsed strings, counted or rejected (ingest.invalidCodePoints).
    return CodePointPolicy.apply(ReadRecord.kept(doc), invalid[0], limits);
  }

  /**
   * Jackson refuses strings over 20M characters by default; up to the record cap they are let through, so that
   * ingest.maxDocumentChars, not the parser, decides what is too large (and says so).
   */
  private ObjectMapper parser() {
    if (parser == null) {
      parser = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxRecordBytes)).build()).build());
    }
    return parser;
  }

  /** {@code s} with lone surrogates as U+FFFD, adding their number to {@code invalid[0]}. */
  private static String valid(String s, int[] invalid) {
    if (s == null) return null;
    int n = InvalidCodePoints.loneSurrogates(s);
    if (n == 0) return s;
    invalid[0] += n;
    return InvalidCodePoints.replaceLoneSurrogates(s);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = field == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
