package org.lowrank.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
     * A heat map of {@code z[row][col]} with column coordinates {@code xs} and row coordinates {@code ys},
     * labelled with 2 decimals.
     */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys) {
        if (z.length != ys.length || z[0].length != xs.length) {
            throw new IllegalArgumentException("z must be ys.length x xs.length = " + ys.length + "x" + xs.length
                    + ", got " + z.length + "x" + z[0].length);
        }
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(false);
        c.getStyler().setRangeColors(viridis());
        c.getStyler().setLegendVisible(true);
        c.getStyler().setXAxisDecimalPattern("0.##");
        c.getStyler().setYAxisDecimalPattern("0.##");
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (double v : xs) x.add(Math.round(v * 100) / 100.0);
        for (double v : ys) y.add(Math.round(v * 100) / 100.0);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) cells.add(new Number[] {j, i, z[i][j]});
        }
        c.addSeries(title == null ? "z" : title, x, y, cells);
        return c;
    }

    /** Eight stops of matplotlib's viridis colormap, for heat maps. */
    public static Color[] viridis() {
        return new Color[] {
            new Color(68, 1, 84), new Color(70, 50, 126), new Color(54, 92, 141), new Color(39, 127, 142),
            new Color(31, 161, 135), new Color(74, 193, 109), new Color(160, 218, 57), new Color(253, 231, 37)
        };
    }
}
