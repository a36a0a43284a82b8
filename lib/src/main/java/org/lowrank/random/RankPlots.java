package org.lowrank.random;

import java.util.Locale;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lowrank.plot.Plots;

/** Charts of rank distributions for the notebooks (one KDE curve per depth, like the paper's figures). */
public final class RankPlots {
    private RankPlots() {}

    /** One Gaussian-KDE curve per depth over [lo, hi]; legend shows depth, mean and std. */
    public static XYChart kdeByDepth(String title, String xTitle, int[] depths, RankDistribution[] dists, double lo, double hi) {
        if (depths.length != dists.length) {
            throw new IllegalArgumentException("depths (" + depths.length + ") and dists (" + dists.length + ") must match");
        }
        XYChart c = Plots.lines(title, xTitle, "density");
        c.getStyler().setXAxisDecimalPattern("0.0#");
        double[] xs = RankDistribution.grid(lo, hi, 1500);
        for (int i = 0; i < depths.length; i++) {
            XYSeries s = c.addSeries(String.format(Locale.ROOT, "d=%d (mean %.2f, sd %.2f)", depths[i], dists[i].mean(), dists[i].std()),
                    xs, dists[i].kde(xs));
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /**
     * A heat map of {@code z[row][col]} over a fine grid that labels only about {@code labels} ticks per axis
     * (Plots.heatmap labels every grid point, unreadable at 61×61). Unlabelled categories get distinct blank
     * labels because XChart's heat map axes are categorical. The colour scale spans [zMin, zMax] (the same for
     * charts that are to be compared).
     */
    public static HeatMapChart heatmap(String title, double[][] z, double[] xs, double[] ys, int labels, String xTitle, String yTitle,
                                       double zMin, double zMax) {
        if (z.length != ys.length || z[0].length != xs.length) {
            throw new IllegalArgumentException("z must be ys.length x xs.length = " + ys.length + "x" + xs.length
                    + ", got " + z.length + "x" + z[0].length);
        }
        HeatMapChart c = new HeatMapChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(false);
        c.getStyler().setRangeColors(Plots.viridis());
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
}
