package dev.corpusforge.extract;

import org.jsoup.nodes.Element;

/** Tells tables of data (kept whole) from tables used for page layout (cleaned like any other container). */
final class DataTables {
  private DataTables() {}

  static boolean isDataTable(Element table) {
    if ("presentation".equals(table.attr("role"))) return false;
    if ("0".equals(table.attr("datatable"))) return false;
    if (!table.attr("summary").isEmpty()) return true;
    Element caption = table.selectFirst("caption");
    if (caption != null && caption.childNodeSize() > 0) return true;
    if (table.selectFirst("col, colgroup, tfoot, thead, th") != null) return true;
    if (table.getElementsByTag("table").size() > 1) return false;
    int rows = 0;
    int columns = 0;
    for (Element tr : table.getElementsByTag("tr")) {
      rows++;
      int cells = 0;
      for (Element cell : tr.children()) {
        if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
          String span = cell.attr("colspan");
          cells += span.matches("\\d{1,3}") ? Math.max(1, Integer.parseInt(span)) : 1;
        }
      }
      columns = Math.max(columns, cells);
    }
    return rows >= 10 || columns > 4 || rows * columns > 10;
  }
}
