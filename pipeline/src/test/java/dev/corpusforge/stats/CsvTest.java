package dev.corpusforge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotedFieldsRoundTripAndEmptyUnquotedFieldsAreNull() {
    List<String> values = Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", "", null, " spaced ");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) line.append(',');
      if (values.get(i) != null) line.append(Csv.quote(values.get(i)));
    }
    List<List<String>> parsed = Csv.parse("h1,h2\n" + line + "\n");
    assertEquals(List.of("h1", "h2"), parsed.get(0));
    assertEquals(values, parsed.get(1));
    assertEquals(2, parsed.size());
  }
}
