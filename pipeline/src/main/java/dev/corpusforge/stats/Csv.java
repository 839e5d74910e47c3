package dev.corpusforge.stats;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted when a value holds a comma, quote or line break; an empty field is null. */
public final class Csv {
  private Csv() {}

  static String quote(String s) {
    if (s.isEmpty()) return "\"\"";
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Parses a whole file: a list of records, each a list of fields (null for an empty unquoted field). */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < text.length() && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',' || c == '\n') {
        record.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        field.setLength(0);
        wasQuoted = false;
        if (c == '\n') {
          records.add(record);
          record = new ArrayList<>();
        }
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || wasQuoted || !record.isEmpty()) {
      record.add(field.length() == 0 && !wasQuoted ? null : field.toString());
      records.add(record);
    }
    return records;
  }
}
