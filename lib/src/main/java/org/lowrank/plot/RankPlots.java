package org.lowrank.plot;

import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lowrank.random.RankDistribution;

/** Charts of rank distributions for the notebooks (one KDE curve per depth, like the paper's figures). */
public final class RankPlots {
    private RankPlots() {}

    /** One Gaussian-KDE curve per depth over [lo, hi]; the legend (depth, mean and std) sits outside the plot. */
    public static XYChart kdeByDepth(String title, String xTitle, int[] depths, RankDistribution[] dists, double lo, double hi) {
        if (depths.length != dists.length) {
            throw new IllegalArgumentException("depths (" + depths.length + ") and dists (" + dists.length + ") must match");
        }
        XYChart c = Plots.lines(title, xTitle, "density");
        // below the plot: outside the data without narrowing the x axis (beside it, XChart's x ticks collide)
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        c.getStyler().setXAxisDecimalPattern("0.0#");
        double[] xs = RankDistribution.grid(lo, hi, 1500);
        for (int i = 0; i < depths.length; i++) {
            XYSeries s = c.addSeries(String.format(Locale.ROOT, "d=%d (mean %.2f, sd %.2f)", depths[i], dists[i].mean(), dists[i].std()),
                    xs, dists[i].kde(xs));
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }
}
