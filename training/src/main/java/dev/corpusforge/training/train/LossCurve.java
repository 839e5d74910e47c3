package dev.corpusforge.training.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The per-step training log as CSV next to the checkpoints, and its plot as a PNG. */
public final class LossCurve implements AutoCloseable {
  public static final String FILE_NAME = "loss.csv";
  public static final String HEADER = "step,loss,learning_rate,grad_norm,tokens_per_second";

  private final BufferedWriter out;

  private LossCurve(BufferedWriter out) {
    this.out = out;
  }

  /** Opens the CSV keeping only the rows of steps before {@code fromStep} (a resumed run rewrites what follows). */
  public static LossCurve openForAppend(Path csv, long fromStep) {
    try {
      Files.createDirectories(csv.getParent());
      List<String> kept = new ArrayList<>();
      kept.add(HEADER);
      if (Files.exists(csv))
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size()))
          if (Long.parseLong(line.substring(0, line.indexOf(','))) < fromStep) kept.add(line);
      Files.write(csv, kept);
      return new LossCurve(Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
    }
  }

  public void append(long step, double loss, double lr, double gradNorm, double tokensPerSecond) {
    try {
      out.write(String.format(java.util.Locale.ROOT, "%d,%.6f,%.6e,%.6f,%.1f%n", step, loss, lr, gradNorm, tokensPerSecond));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plots loss against step from the CSV into a PNG (headless AWT). */
  public static void plot(Path csv, Path png, Double validationLoss) {
    try {
      List<String> lines = Files.readAllLines(csv);
      int n = lines.size() - 1;
      if (n < 1) throw new IllegalArgumentException(csv + " has no steps to plot");
      double[] steps = new double[n], losses = new double[n];
      double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).split(",");
        steps[i] = Double.parseDouble(f[0]);
        losses[i] = Double.parseDouble(f[1]);
        min = Math.min(min, losses[i]);
        max = Math.max(max, losses[i]);
      }
      if (validationLoss != null) min = Math.min(min, validationLoss);
      int width = 800, height = 500, margin = 60;
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.drawRect(margin, margin, width - 2 * margin, height - 2 * margin);
      double lastStep = Math.max(1, steps[n - 1]), range = Math.max(1e-9, max - min);
      g.drawString("training loss (nats/token) by step", margin, margin - 20);
      g.drawString(String.format("%.3f", max), 5, margin + 5);
      g.drawString(String.format("%.3f", min), 5, height - margin);
      g.drawString("0", margin, height - margin + 20);
      g.drawString(String.valueOf((long) lastStep), width - margin - 30, height - margin + 20);
      g.setColor(new Color(31, 119, 180));
      g.setStroke(new BasicStroke(1.5f));
      for (int i = 1; i < n; i++)
        g.drawLine(x(steps[i - 1], lastStep, width, margin), y(losses[i - 1], min, range, height, margin),
            x(steps[i], lastStep, width, margin), y(losses[i], min, range, height, margin));
      if (validationLoss != null) {
        g.setColor(new Color(214, 39, 40));
        int y = y(validationLoss, min, range, height, margin);
        g.drawLine(margin, y, width - margin, y);
        g.drawString(String.format("validation %.3f", validationLoss), width - margin - 140, y - 5);
      }
      g.dispose();
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plot " + csv + " to " + png + ": " + e.getMessage(), e);
    }
  }

  private static int x(double step, double last, int width, int margin) {
    return margin + (int) Math.round(step / last * (width - 2 * margin));
  }

  private static int y(double loss, double min, double range, int height, int margin) {
    return height - margin - (int) Math.round((loss - min) / range * (height - 2 * margin));
  }
}
