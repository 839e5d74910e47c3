package dev.corpusforge.decontaminate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corpusforge.config.DecontaminateConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict on one document given its eval n-gram matches. {@code drop}: any match rejects it. {@code cut} (GPT-3):
 * each matching span and {@code cutMargin} characters on either side are removed and the pieces left are joined by a
 * line break; a document left in more than {@code maxPieces} pieces or shorter than {@code minChars} is rejected.
 * Every reject or cut records the eval set, item id and normalized n-gram of its matches (the first
 * {@link #RECORDED}, and how many there were).
 */
final class Contamination {
  static final String REASON_MATCH = "decontaminate:ngram";
  static final String REASON_PIECES = "decontaminate:too-many-pieces";
  static final String REASON_SHORT = "decontaminate:too-short-after-cut";
  static final int RECORDED = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One occurrence of an eval n-gram: characters {@code [start, end)} of the document. */
  static final class Match implements Serializable {
    private static final long serialVersionUID = 1L;
    final int start;
    final int end;
    final String set;
    final String item;

    Match(int start, int end, String set, String item) {
      this.start = start;
      this.end = end;
      this.set = set;
      this.item = item;
    }
  }

  static final Comparator<Match> ORDER = Comparator.<Match>comparingInt(m -> m.start).thenComparingInt(m -> m.end)
      .thenComparing(m -> m.set).thenComparing(m -> m.item);

  /** What happens to a document: its new text (null when rejected), the reason, the record of matches. */
  static final class Verdict {
    String text;
    String reason;
    String record;
    long cutChars;
  }

  static Verdict decide(String text, List<Match> matches, DecontaminateConfig c) {
    Verdict v = new Verdict();
    v.text = text;
    if (matches.isEmpty()) return v;
    List<Match> sorted = new ArrayList<>(matches);
    sorted.sort(ORDER);
    if (DecontaminateConfig.DROP.equals(c.action)) {
      v.text = null;
      v.reason = REASON_MATCH;
      v.record = record(text, sorted, 0);
      return v;
    }
    // Removal ranges, merged: a span plus the margin on each side.
    StringBuilder kept = new StringBuilder(text.length());
    int pieces = 0;
    long keptChars = 0;
    int from = 0;
    int i = 0;
    while (i < sorted.size()) {
      int cutStart = Math.max(0, sorted.get(i).start - c.cutMargin);
      int cutEnd = Math.min(text.length(), sorted.get(i).end + c.cutMargin);
      while (++i < sorted.size() && sorted.get(i).start - c.cutMargin <= cutEnd) {
        cutEnd = Math.max(cutEnd, Math.min(text.length(), sorted.get(i).end + c.cutMargin));
      }
      cutStart = Math.max(cutStart, from);
      int piece = appendPiece(kept, text, from, cutStart);
      pieces += piece > 0 ? 1 : 0;
      keptChars += piece;
      from = cutEnd;
    }
    int last = appendPiece(kept, text, from, text.length());
    pieces += last > 0 ? 1 : 0;
    keptChars += last;
    v.cutChars = text.length() - keptChars;
    v.record = record(text, sorted, pieces);
    if (pieces > c.maxPieces) {
      v.text = null;
      v.reason = REASON_PIECES;
    } else if (kept.length() < c.minChars) {
      v.text = null;
      v.reason = REASON_SHORT;
    } else {
      v.text = kept.toString();
    }
    return v;
  }

  /** Appends a non-blank piece, after a line break when it is not the first; returns its length (0: none). */
  private static int appendPiece(StringBuilder kept, String text, int from, int to) {
    if (to <= from || text.substring(from, to).isBlank()) return 0;
    if (kept.length() > 0) kept.append('\n');
    kept.append(text, from, to);
    return to - from;
  }

  private static String record(String text, List<Match> sorted, int pieces) {
    ObjectNode o = JSON.createObjectNode();
    o.put("matches", sorted.size());
    if (pieces > 0) o.put("pieces", pieces);
    ArrayNode list = o.putArray("first");
    for (int i = 0; i < Math.min(RECORDED, sorted.size()); i++) {
      Match m = sorted.get(i);
      list.addObject().put("eval_set", m.set).put("item", m.item)
          .put("ngram", NormalizedWords.normalizedText(text, m.start, m.end));
    }
    return o.toString();
  }
}
