package dev.corpusforge.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grouped bar chart as inline SVG: categories on the x axis, one bar per series in each, a title, labelled axes
 * with units, ticks, and a legend. Linear or log-10 y axis. No script, no external resource.
 */
public final class SvgBarChart {
  private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  private static final int WIDTH = 1000;
  private static final int PLOT_HEIGHT = 300;
  private static final int LEFT = 90;
  private static final int RIGHT = 20;
  private static final int TOP = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<String> categories = new ArrayList<>();
  private final Map<String, Map<String, Double>> series = new LinkedHashMap<>();
  private boolean log;
  private boolean stacked;
  private Map<String, Integer> palette = new LinkedHashMap<>();

  public SvgBarChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public SvgBarChart log() {
    log = true;
    return this;
  }

  /** One bar per category with the series stacked, for categories that few series share. */
  public SvgBarChart stacked() {
    stacked = true;
    return this;
  }

  /** Colours by series name shared across charts, so a source keeps its colour on the whole page. */
  public SvgBarChart palette(Map<String, Integer> shared) {
    palette = shared;
    return this;
  }

  private String color(String seriesName) {
    return COLORS[palette.computeIfAbsent(seriesName, k -> palette.size()) % COLORS.length];
  }

  /** Fixes a category's place on the axis before any value arrives (histogram bins in bin order). */
  public SvgBarChart category(String category) {
    if (!categories.contains(category)) categories.add(category);
    return this;
  }

  /** Adds {@code value} to the bar of {@code seriesName} in {@code category} (categories keep first-seen order). */
  public SvgBarChart add(String category, String seriesName, double value) {
    if (!categories.contains(category)) categories.add(category);
    series.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).merge(category, value, Double::sum);
    return this;
  }

  public boolean isEmpty() {
    return series.values().stream().allMatch(m -> m.values().stream().allMatch(v -> v == 0));
  }

  public String render() {
    double max = stacked
        ? categories.stream().mapToDouble(c -> series.values().stream().mapToDouble(m -> m.getOrDefault(c, 0.0)).sum()).max().orElse(1)
        : series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
    if (max <= 0) max = 1;
    int labelChars = categories.stream().mapToInt(String::length).max().orElse(1);
    boolean rotate = categories.size() > 6 || labelChars * categories.size() * 7 > WIDTH - LEFT - RIGHT;
    int bottom = rotate ? Math.min(200, 30 + labelChars * 6) + 40 : 70;
    int legend = series.size() > 1 ? 24 : 0;
    int height = TOP + legend + PLOT_HEIGHT + bottom;
    int plotTop = TOP + legend;
    double plotW = WIDTH - LEFT - RIGHT;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
        + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\">", WIDTH, height, WIDTH, height));
    s.append("<title>").append(Html.escape(title)).append("</title>");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\" text-anchor=\"middle\">%s</text>",
        WIDTH / 2, Html.escape(title)));
    int lx = LEFT;
    for (String name : series.keySet()) {
      if (legend == 0) break;
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
          lx, TOP - 4, color(name), lx + 16, TOP + 6, Html.escape(name)));
      lx += 30 + name.length() * 7;
    }
    // y axis: ticks at powers of ten (log) or five even steps (linear).
    List<double[]> ticks = new ArrayList<>();
    double top = log ? Math.pow(10, Math.ceil(Math.log10(max + 1))) : niceMax(max);
    if (log) {
      for (double v = 1; v <= top; v *= 10) ticks.add(new double[] {v, y(v, top, plotTop)});
    } else {
      for (int t = 0; t <= 5; t++) ticks.add(new double[] {top * t / 5, y(top * t / 5, top, plotTop)});
    }
    for (double[] t : ticks) {
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, WIDTH - RIGHT, t[1], t[1], LEFT - 6, t[1] + 4, format(t[0])));
    }
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, WIDTH - RIGHT,
        plotTop + PLOT_HEIGHT, plotTop + PLOT_HEIGHT));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, LEFT, plotTop,
        plotTop + PLOT_HEIGHT));
    double groupW = plotW / Math.max(1, categories.size());
    double barW = stacked ? groupW * 0.8 : groupW * 0.8 / Math.max(1, series.size());
    for (int c = 0; c < categories.size(); c++) {
      String cat = categories.get(c);
      int k = 0;
      double below = 0;
      for (var e : series.entrySet()) {
        Double v = e.getValue().get(cat);
        if (v != null && v > 0) {
          double x = LEFT + c * groupW + groupW * 0.1 + (stacked ? 0 : k * barW);
          double base = y(below, top, plotTop);
          double yv = y(below + v, top, plotTop);
          s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
              x, yv, Math.max(1, barW - 1), Math.max(0.5, base - yv), color(e.getKey()), Html.escape(cat),
              Html.escape(e.getKey()), format(v)));
          if (stacked) below += v;
        }
        k++;
      }
      double cx = LEFT + c * groupW + groupW / 2;
      double ly = plotTop + PLOT_HEIGHT + 14;
      if (rotate) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" transform=\"rotate(-45 %.1f %.1f)\">%s</text>",
            cx, ly, cx, ly, Html.escape(cat)));
      } else {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", cx, ly, Html.escape(cat)));
      }
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + (int) plotW / 2,
        height - 10, Html.escape(xLabel)));
    s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>",
        plotTop + PLOT_HEIGHT / 2, plotTop + PLOT_HEIGHT / 2, Html.escape(yLabel + (log ? " (log scale)" : ""))));
    return s.append("</svg>").toString();
  }

  private double y(double v, double top, int plotTop) {
    double frac = log ? Math.log10(Math.max(1, v)) / Math.log10(top) : v / top;
    return plotTop + PLOT_HEIGHT - frac * PLOT_HEIGHT;
  }

  private static double niceMax(double max) {
    double p = Math.pow(10, Math.floor(Math.log10(max)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= max) return m * p;
    return 10 * p;
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      long l = (long) v;
      if (Math.abs(l) >= 1_000_000_000) return String.format(Locale.ROOT, "%.1fG", v / 1e9);
      if (Math.abs(l) >= 1_000_000) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
      if (Math.abs(l) >= 10_000) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
      return String.format(Locale.ROOT, "%,d", l);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
