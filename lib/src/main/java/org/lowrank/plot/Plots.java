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

    /** An empty XY line chart with the project's style (legend inside, white background). */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
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
     * nine labelled ticks per axis, the colour scale spanning z's range.
     */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : z) for (double v : row) { min = Math.min(min, v); max = Math.max(max, v); }
        return heatmap(title, z, xs, ys, 9, null, null, min, max);
    }

    /**
     * A heat map of {@code z[row][col]} over a fine grid that labels only about {@code labels} ticks per axis
     * Unlabelled categories get distinct blank
     * labels because XChart's heat map axes are categorical. The colour scale spans [zMin, zMax] (the same for
     * charts that are to be compared).
     */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys, int labels, String xTitle, String yTitle,
                                       double zMin, double zMax) {
        if (z.length != ys.length || z[0].length != xs.length) {
            throw new IllegalArgumentException("z must be ys.length x xs.length = " + ys.length + "x" + xs.length
                    + ", got " + z.length + "x" + z[0].length);
        }
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(false);
        c.getStyler().setRangeColors(viridis());
        c.getStyler().setLegendVisible(true);
        c.getStyler().setPlotContentSize(1.0);
        c.getStyler().setMin(zMin);
        c.getStyler().setMax(zMax);
        c.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.2f", v));
        c.addSeries(title == null ? "z" : title, sparseLabels(xs, labels), sparseLabels(ys, labels), cells(z));
        return c;
    }

    private static List<String> sparseLabels(double[] v, int labels) {
        // a divisor of (length - 1), so that both ends are labelled, giving a label count closest to `labels`
        int every = 1;
        for (int e = 1; e <= Math.max(1, v.length - 1); e++) {
            if ((v.length - 1) % e == 0 && Math.abs((v.length - 1) / e + 1 - labels) < Math.abs((v.length - 1) / every + 1 - labels)) every = e;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            out.add(i % every == 0 ? String.format(Locale.ROOT, "%.2f", v[i]) : " ".repeat(i + 1));
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
