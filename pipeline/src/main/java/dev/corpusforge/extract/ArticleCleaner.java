package dev.corpusforge.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Cleans the chosen container: removes share widgets, furniture-named headings, and — conditionally — forms, tables,
 * lists and divs that look like link lists, image galleries or widgets rather than text (few commas, many links,
 * more list items than paragraphs, almost no text). Data tables and code are kept.
 */
final class ArticleCleaner {
  private static final Set<String> TEXTISH = Set.of("span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p",
      "pre", "table", "ul");
  private static final Set<String> MEDIA = Set.of("img", "embed", "object", "iframe", "video", "audio", "picture");
  private static final Pattern AD_WORDS = Pattern.compile(
      "^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern LOADING_WORDS = Pattern.compile(
      "^((loading|正在加载|Загрузка|chargement|cargando)(…|\\.\\.\\.)?)$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  static final int WIDGET_MAX_CHARS = 500;

  private final ExtractionPass pass;
  /** Whether each table met so far is a data table: asked once per element inside it, answered once per table. */
  private final Map<Element, Boolean> dataTables = new IdentityHashMap<>();

  ArticleCleaner(ExtractionPass pass) {
    this.pass = pass;
  }

  void clean(Element article) {
    cleanConditionally(article, "form");
    cleanConditionally(article, "fieldset");
    removeWidgets(article);
    for (Element h : article.select("h1, h2")) {
      if (ElementHints.classWeight(h) < 0) h.remove();
    }
    cleanConditionally(article, "table");
    cleanConditionally(article, "ul");
    cleanConditionally(article, "div");
    for (Element p : article.getElementsByTag("p")) {
      if (p.parent() != null && !Dom.hasLetterOrDigit(p) && p.text().isBlank() && !hasMedia(p)) p.remove();
    }
  }

  private static boolean hasMedia(Element e) {
    for (Element d : e.getAllElements()) if (MEDIA.contains(d.normalName())) return true;
    return false;
  }

  /** Share bars, when short: a long element so named is more likely the story itself. */
  private static void removeWidgets(Element article) {
    Element e = article.firstElementChild();
    Element end = Dom.next(article, true);
    while (e != null && e != end) {
      if (ElementHints.shareWidget(e) && e.text().length() < WIDGET_MAX_CHARS) {
        e = Dom.removeAndNext(e);
      } else {
        e = Dom.next(e, false);
      }
    }
  }

  private void cleanConditionally(Element article, String tag) {
    if (!pass.cleanConditionally) return;
    List<Element> nodes = new ArrayList<>(article.getElementsByTag(tag));
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Element node = nodes.get(i);
      if (node == article || node.parent() == null) continue;
      if (shouldRemove(node, tag)) node.remove();
    }
  }

  private boolean shouldRemove(Element node, String tag) {
    if (tag.equals("table") && isDataTable(node)) return false;
    if (insideDataTable(node) || Dom.hasAncestor(node, "code", 3)) return false;
    int weight = pass.weightClasses ? ElementHints.classWeight(node) : 0;
    if (weight < 0) return true;
    if (Dom.commasAtLeast(node, 10)) return false;
    String text = node.text();
    if (AD_WORDS.matcher(text).matches() || LOADING_WORDS.matcher(text).matches()) return true;
    boolean isList = tag.equals("ul") || tag.equals("ol") || listShare(node, text) > 0.9;

    // One walk counts what four tag searches would.
    int p = 0;
    int img = 0;
    int items = 0;
    int input = 0;
    for (Element d : node.getAllElements()) {
      if (d == node) continue;
      switch (d.normalName()) {
        case "p": p++; break;
        case "img": img++; break;
        case "li": items++; break;
        case "input": input++; break;
        default:
      }
    }
    int li = items - 100;
    int length = text.length();
    double linkDensity = Dom.linkDensity(node, length);
    boolean inFigure = Dom.hasAncestor(node, "figure", 3);

    boolean remove = (!inFigure && img > 1 && (double) p / img < 0.5)
        || (!isList && li > p)
        || (input > p / 3)
        || (!isList && !inFigure && length < 25 && (img == 0 || img > 2) && linkDensity > 0
            && Dom.textDensity(node, Dom.HEADINGS, length) < 0.9)
        || (!isList && weight < 25 && linkDensity > 0.2)
        || (weight >= 25 && linkDensity > 0.5)
        || (img == 0 && !Dom.hasTextInside(node, TEXTISH));
    if (isList && remove) {
      for (Element child : node.children()) if (child.childrenSize() > 1) return true;
      if (img == items) return false;
    }
    return remove;
  }

  private static double listShare(Element node, String text) {
    if (text.isEmpty()) return 0;
    int inLists = 0;
    for (Element d : node.getAllElements()) {
      if (d != node && (d.normalName().equals("ul") || d.normalName().equals("ol"))) inLists += d.text().length();
    }
    return (double) inLists / text.length();
  }

  private boolean insideDataTable(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p.normalName().equals("table") && isDataTable(p)) return true;
    }
    return false;
  }

  private boolean isDataTable(Element table) {
    return dataTables.computeIfAbsent(table, DataTables::isDataTable);
  }
}
