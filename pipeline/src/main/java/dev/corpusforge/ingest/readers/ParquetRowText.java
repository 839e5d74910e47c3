package dev.corpusforge.ingest.readers;

import dev.corpusforge.io.InvalidCodePoints;
import dev.corpusforge.stage.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * One Parquet record as one text per top-level column, in one reused array: scalars as Spark casts them to string
 * (timestamps as ISO-8601 instants), nested values as JSON (lists as arrays, maps and groups as objects, nulls left
 * out), and strings decoded from UTF-8 with each malformed sequence, encoded surrogates included, as U+FFFD, counted
 * in {@link #invalidCodePoints()}. Strings of a dictionary-encoded page are decoded once per dictionary entry.
 */
final class ParquetRowText extends RecordMaterializer<String[]> {
  private final String[] row;
  private final Root root;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private int invalid;

  ParquetRowText(MessageType schema) {
    row = new String[schema.getFieldCount()];
    root = new Root(schema);
  }

  @Override public String[] getCurrentRecord() { return row; }

  @Override public GroupConverter getRootConverter() { return root; }

  /** Invalid code points replaced in the current record. */
  int invalidCodePoints() { return invalid; }

  /** Where a converted value goes: a top-level column's slot, or its place among a nested group's children. */
  private interface Target {
    void add(String value);
  }

  /** The record: top-level scalars straight into their slot, other columns gathered and written as JSON. */
  private final class Root extends GroupConverter {
    private final Converter[] fields;
    private final Nested gathered;

    Root(MessageType schema) {
      fields = new Converter[schema.getFieldCount()];
      gathered = new Nested(schema, Nested.PLAIN);
      for (int i = 0; i < fields.length; i++) {
        Type t = schema.getType(i);
        int slot = i;
        fields[i] = t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
            ? new Scalar(t.asPrimitiveType(), false, v -> row[slot] = v)
            : gathered.converter(i);
      }
    }

    @Override public Converter getConverter(int i) { return fields[i]; }

    @Override public void start() {
      java.util.Arrays.fill(row, null);
      invalid = 0;
      gathered.start();
    }

    @Override public void end() {
      for (int i = 0; i < row.length; i++) {
        if (fields[i] == gathered.converter(i)) row[i] = gathered.field(i);
      }
    }
  }

  /** A group below the record (or the record's nested columns): its children's JSON, rendered by the group's kind. */
  private final class Nested extends GroupConverter {
    static final int PLAIN = 0;
    static final int LIST = 1;
    static final int LIST_ELEMENT = 2;
    static final int MAP = 3;
    static final int MAP_ENTRY = 4;

    private final GroupType type;
    private final int kind;
    private final Converter[] children;
    private final List<List<String>> values = new ArrayList<>();
    private final Target parent;

    Nested(GroupType type, int kind) {
      this(type, kind, null);
    }

    Nested(GroupType type, int kind, Target parent) {
      this.type = type;
      this.kind = kind;
      this.parent = parent;
      children = new Converter[type.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        List<String> into = new ArrayList<>(1);
        values.add(into);
        Type t = type.getType(i);
        Target target = into::add;
        children[i] = t.isPrimitive() ? new Scalar(t.asPrimitiveType(), true, target)
            : new Nested(t.asGroupType(), kindOf(t.asGroupType(), kind), target);
      }
    }

    /** LIST and MAP by annotation; below them, the repeated group that holds one element or one key and value. */
    private int kindOf(GroupType t, int parentKind) {
      if (parentKind == LIST && t.isRepetition(Type.Repetition.REPEATED) && t.getFieldCount() == 1) return LIST_ELEMENT;
      if (parentKind == MAP && t.isRepetition(Type.Repetition.REPEATED)) return MAP_ENTRY;
      LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
      if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) return LIST;
      if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
          || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) return MAP;
      return PLAIN;
    }

    Converter converter(int i) { return children[i]; }

    @Override public Converter getConverter(int i) { return children[i]; }

    @Override public void start() {
      for (List<String> v : values) v.clear();
    }

    @Override public void end() {
      parent.add(render());
    }

    /** One top-level column gathered by the record: its JSON, or null when it has no value. */
    String field(int i) {
      List<String> v = values.get(i);
      if (v.isEmpty()) return null;
      return type.getType(i).isRepetition(Type.Repetition.REPEATED) ? "[" + String.join(",", v) + "]" : v.get(0);
    }

    private String render() {
      switch (kind) {
        case LIST:
          return "[" + String.join(",", values.get(0)) + "]";
        case LIST_ELEMENT:
          return values.get(0).isEmpty() ? "null" : values.get(0).get(0);
        case MAP:
          return "{" + String.join(",", values.get(0)) + "}";
        case MAP_ENTRY: {
          String key = values.get(0).isEmpty() ? "null" : values.get(0).get(0);
          String value = values.size() > 1 && !values.get(1).isEmpty() ? values.get(1).get(0) : "null";
          return (key.startsWith("\"") ? key : Json.quote(key)) + ":" + value;
        }
        default: {
          StringBuilder sb = new StringBuilder("{");
          for (int i = 0; i < children.length; i++) {
            String v = field(i);
            if (v == null) continue;
            if (sb.length() > 1) sb.append(',');
            sb.append(Json.quote(type.getType(i).getName())).append(':').append(v);
          }
          return sb.append('}').toString();
        }
      }
    }
  }

  /** One primitive column: its value as text, or (below the top level) as a JSON value. */
  private final class Scalar extends PrimitiveConverter {
    private final PrimitiveType type;
    private final LogicalTypeAnnotation annotation;
    private final boolean json;
    private final Target target;
    private String[] dictionaryText;
    private int[] dictionaryInvalid;
    private Dictionary dictionary;

    Scalar(PrimitiveType type, boolean json, Target target) {
      this.type = type;
      this.annotation = type.getLogicalTypeAnnotation();
      this.json = json;
      this.target = target;
    }

    private boolean isText() {
      PrimitiveTypeName t = type.getPrimitiveTypeName();
      return (t == PrimitiveTypeName.BINARY || t == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
          && !(annotation instanceof DecimalLogicalTypeAnnotation);
    }

    @Override public boolean hasDictionarySupport() { return isText(); }

    @Override public void setDictionary(Dictionary d) {
      dictionary = d;
      dictionaryText = new String[d.getMaxId() + 1];
      dictionaryInvalid = new int[d.getMaxId() + 1];
    }

    @Override public void addValueFromDictionary(int id) {
      if (dictionaryText[id] == null) {
        int before = invalid;
        dictionaryText[id] = utf8(dictionary.decodeToBinary(id));
        dictionaryInvalid[id] = invalid - before;
      } else {
        invalid += dictionaryInvalid[id];
      }
      put(dictionaryText[id], true);
    }

    @Override public void addBinary(Binary b) {
      if (type.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
        put(int96(b).toString(), true);
      } else if (annotation instanceof DecimalLogicalTypeAnnotation) {
        put(new BigDecimal(new BigInteger(b.getBytes()), ((DecimalLogicalTypeAnnotation) annotation).getScale()).toString(), false);
      } else {
        put(utf8(b), true);
      }
    }

    @Override public void addBoolean(boolean v) { put(Boolean.toString(v), false); }

    @Override public void addFloat(float v) { put(Float.toString(v), !Float.isFinite(v)); }

    @Override public void addDouble(double v) { put(Double.toString(v), !Double.isFinite(v)); }

    @Override public void addInt(int v) {
      if (annotation instanceof DecimalLogicalTypeAnnotation) {
        put(BigDecimal.valueOf(v, ((DecimalLogicalTypeAnnotation) annotation).getScale()).toString(), false);
      } else if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
        put(LocalDate.ofEpochDay(v).toString(), true);
      } else if (annotation instanceof IntLogicalTypeAnnotation && !((IntLogicalTypeAnnotation) annotation).isSigned()) {
        put(Integer.toUnsignedString(v), false);
      } else {
        put(Integer.toString(v), false);
      }
    }

    @Override public void addLong(long v) {
      if (annotation instanceof DecimalLogicalTypeAnnotation) {
        put(BigDecimal.valueOf(v, ((DecimalLogicalTypeAnnotation) annotation).getScale()).toString(), false);
      } else if (annotation instanceof TimestampLogicalTypeAnnotation) {
        put(instant(v, ((TimestampLogicalTypeAnnotation) annotation).getUnit()).toString(), true);
      } else if (annotation instanceof IntLogicalTypeAnnotation && !((IntLogicalTypeAnnotation) annotation).isSigned()) {
        put(Long.toUnsignedString(v), false);
      } else {
        put(Long.toString(v), false);
      }
    }

    private void put(String text, boolean quoted) {
      target.add(json && quoted ? Json.quote(text) : text);
    }
  }

  /**
   * UTF-8 to text. Java's decoder turns each malformed sequence into U+FFFD on its fast path; only a string holding
   * U+FFFD is decoded again, counting, to tell replacements from a U+FFFD that was in the data.
   */
  private String utf8(Binary b) {
    ByteBuffer bytes = b.toByteBuffer();
    byte[] array;
    int offset;
    int length;
    if (bytes.hasArray()) {
      array = bytes.array();
      offset = bytes.arrayOffset() + bytes.position();
      length = bytes.remaining();
    } else {
      array = b.getBytes();
      offset = 0;
      length = array.length;
    }
    String s = new String(array, offset, length, StandardCharsets.UTF_8);
    if (s.indexOf(InvalidCodePoints.REPLACEMENT) < 0) return s;
    InvalidCodePoints.Decoded d = InvalidCodePoints.decodeUtf8(array, offset, length, utf8);
    invalid += d.replaced;
    return d.text;
  }

  private static Instant instant(long v, LogicalTypeAnnotation.TimeUnit unit) {
    switch (unit) {
      case MILLIS:
        return Instant.ofEpochMilli(v);
      case MICROS:
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
      default:
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
    }
  }

  /** The legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
  private static Instant int96(Binary b) {
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanos = buf.getLong();
    long julianDay = buf.getInt();
    return Instant.ofEpochSecond((julianDay - 2_440_588L) * 86_400L).plusNanos(nanos);
  }
}
