package org.lowrank.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Small XChart helpers for notebooks. A chart shows in a notebook as a PNG when a cell's value is
 * {@link #image(Chart)} (a {@link java.awt.image.RenderedImage}, which IJava-compatible kernels
 * display as {@code image/png}).
 */
public final class Plots {
    /** Default figure size in pixels. */
    public static final int WIDTH = 640, HEIGHT = 420;

    private Plots() {}

    /** Renders a chart to an image; the last expression of a cell displays it as a PNG. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes a chart as a PNG file (parent folders are created) and returns the path. */
    public static Path savePng(Chart<?, ?> chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            String name = file.toString();
            String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            return Path.of(base + ".png");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write PNG " + file, e);
        }
    }

    /**
     * An empty XY line chart with the project's style: white background, grid lines, the legend outside the plot on
     * the right (a legend inside would cover data; callers may move it).
     */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        return c;
    }

    /**
     * Adds one curve over seeds: at each {@code xs[i]} the mean of {@code valuesPerX[i]} (NaN values skipped) with a
     * 95% Student-t error bar ({@link org.lowrank.claims.Stats#meanCi95}). Returns the series for styling.
     */
    public static org.knowm.xchart.XYSeries addMeanCi(XYChart chart, String name, double[] xs, double[][] valuesPerX) {
        if (xs.length != valuesPerX.length)
            throw new IllegalArgumentException("xs has " + xs.length + " points, valuesPerX " + valuesPerX.length
                    + "; allowed: one row of values per x");
        double[] mean = new double[xs.length], err = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            org.lowrank.claims.Stats.MeanCi ci = org.lowrank.claims.Stats.meanCi95(valuesPerX[i]);
            mean[i] = ci.mean();
            err[i] = ci.halfWidth();
        }
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart.addSeries(name, xs, mean, err);
    }

    /**
     * A heat map of {@code z[row][col]} with column coordinates {@code xs} and row coordinates {@code ys}: about
     * nine labelled ticks per axis, the colour scale spanning z's range, the colour bar labelled with the title.
     */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : z) for (double v : row) { min = Math.min(min, v); max = Math.max(max, v); }
        return heatmap(title, z, xs, ys, 9, null, null, title, min, max);
    }

    /** As {@link #heatmap(String, double[][], double[], double[], int, String, String, String, double, double)}, the
     *  colour bar labelled with the chart's title. */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys, int labels, String xTitle, String yTitle,
                                       double zMin, double zMax) {
        return heatmap(title, z, xs, ys, labels, xTitle, yTitle, title, zMin, zMax);
    }

    /**
     * A heat map of {@code z[row][col]} over a grid that labels only about {@code labels} ticks per axis (XChart's
     * heat map axes are categorical: unlabelled categories get distinct blank labels). Tick labels show as many
     * decimals as the labelled coordinates need (integers for an index or a depth). The colour scale spans
     * [zMin, zMax] (the same for charts that are to be compared); a colour bar on the right, titled {@code zTitle},
     * has a few round ticks with two or three significant digits ({@link #colourBarTicks}).
     */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys, int labels, String xTitle, String yTitle,
                                       String zTitle, double zMin, double zMax) {
        if (z.length != ys.length || z[0].length != xs.length) {
            throw new IllegalArgumentException("z must be ys.length x xs.length = " + ys.length + "x" + xs.length
                    + ", got " + z.length + "x" + z[0].length);
        }
        if (!(zMin <= zMax) || Double.isInfinite(zMin) || Double.isInfinite(zMax))
            throw new IllegalArgumentException("zMin = " + zMin + ", zMax = " + zMax + "; allowed: finite, zMin <= zMax");
        HeatMapChart c = new ColourBarHeatMap(new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle), zTitle);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(false);
        c.getStyler().setRangeColors(viridis());
        c.getStyler().setLegendVisible(false);        // XChart's own legend prints min and max as raw doubles
        c.getStyler().setPlotContentSize(1.0);
        c.getStyler().setMin(zMin);
        c.getStyler().setMax(zMax);
        c.addSeries(title == null ? "z" : title, sparseLabels(xs, labels), sparseLabels(ys, labels), cells(z));
        return c;
    }

    /** A colour bar's ticks: round values in [min, max] and their labels (two or three significant digits). */
    public record Ticks(double[] values, List<String> labels) {}

    /**
     * About five round ticks (1, 2 or 5 times a power of ten apart) inside [min, max], labelled with the decimals the
     * step needs: [0, ln 2] gives 0.0, 0.2, 0.4, 0.6. XChart computes such ticks only inside its axis classes, which
     * a heat map's colour scale does not use, hence this short rule.
     */
    public static Ticks colourBarTicks(double min, double max) {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max))
            throw new IllegalArgumentException("min = " + min + ", max = " + max + "; allowed: finite, min <= max");
        if (min == max) return new Ticks(new double[] {min}, List.of(formatSignificant(min)));
        double raw = (max - min) / 4, mag = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / mag;
        double step = (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * mag;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<Double> values = new ArrayList<>();
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + 1e-9 * step; k++) values.add(k * step);
        List<String> labels = new ArrayList<>();
        for (double v : values) labels.add(String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v));
        return new Ticks(values.stream().mapToDouble(Double::doubleValue).toArray(), labels);
    }

    private static String formatSignificant(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Axis labels for a categorical heat-map axis: about {@code labels} labelled ticks including both ends. */
    static List<String> sparseLabels(double[] v, int labels) {
        // a divisor of (length - 1), so that both ends are labelled, giving a label count closest to `labels`
        int every = 1;
        for (int e = 1; e <= Math.max(1, v.length - 1); e++) {
            if ((v.length - 1) % e == 0 && Math.abs((v.length - 1) / e + 1 - labels) < Math.abs((v.length - 1) / every + 1 - labels)) every = e;
        }
        int decimals = 0;
        while (decimals < 3) {
            boolean enough = true;
            for (int i = 0; i < v.length; i += every) {
                double scaled = v[i] * Math.pow(10, decimals);
                enough &= Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled));
            }
            if (enough) break;
            decimals++;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            double x = v[i] == 0 ? 0.0 : v[i];                    // no "-0"
            out.add(i % every == 0 ? String.format(Locale.ROOT, "%." + decimals + "f", x) : " ".repeat(i + 1));
        }
        return out;
    }

    private static List<Number[]> cells(double[][] z) {
        List<Number[]> out = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) out.add(new Number[] {j, i, z[i][j]});
        }
        return out;
    }

    /** Eight stops of matplotlib's viridis colormap, for heat maps. */
    public static Color[] viridis() {
        return new Color[] {
            new Color(68, 1, 84), new Color(70, 50, 126), new Color(54, 92, 141), new Color(39, 127, 142),
            new Color(31, 161, 135), new Color(74, 193, 109), new Color(160, 218, 57), new Color(253, 231, 37)
        };
    }
}
