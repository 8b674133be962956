package io.heapwise.jmh.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the bar charts of a benchmark class with XChart: one of the scores and one of the bytes
 * allocated per operation, a bar per method and a series per group.
 */
final class ChartRenderer {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;

  private ChartRenderer() {}

  /**
   * Writes {@code <dir>/<SimpleClass>-score.png} and, when the run measured allocation, {@code
   * <dir>/<SimpleClass>-alloc.png}.
   *
   * @return the files written
   */
  static List<Path> render(String className, List<ResultGroup> groups, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    List<Path> written = new ArrayList<>();
    String unit = groups.get(0).results().get(0).unit();
    written.add(
        save(
            chart(simpleName + ": score", unit, groups, BenchmarkResult::score),
            dir.resolve(simpleName + "-score.png")));
    boolean hasAlloc =
        groups.stream()
            .flatMap(g -> g.results().stream())
            .anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
    if (hasAlloc) {
      written.add(
          save(
              chart(
                  simpleName + ": allocation",
                  "bytes per op (gc.alloc.rate.norm)",
                  groups,
                  BenchmarkResult::allocBytesPerOp),
              dir.resolve(simpleName + "-alloc.png")));
    }
    return written;
  }

  private static CategoryChart chart(
      String title,
      String yTitle,
      List<ResultGroup> groups,
      ToDoubleFunction<BenchmarkResult> value) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setXAxisLabelRotation(20);
    chart.getStyler().setLabelsVisible(false);
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    Set<String> methods = new LinkedHashSet<>();
    groups.forEach(g -> g.results().forEach(r -> methods.add(r.method())));
    for (ResultGroup group : groups) {
      List<String> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (String method : methods) {
        x.add(method);
        y.add(
            group.results().stream()
                .filter(r -> r.method().equals(method))
                .mapToDouble(value)
                .map(v -> Double.isNaN(v) ? 0 : v)
                .findFirst()
                .orElse(0));
      }
      chart.addSeries(group.label(), x, y);
    }
    return chart;
  }

  private static Path save(CategoryChart chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file;
  }
}
