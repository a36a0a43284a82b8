package org.lowrank.plot;

import org.knowm.xchart.XYChart;
import org.lowrank.claims.ExpandedRho;
import org.lowrank.train.ExpandExperiment;

/** Charts of notebook 08's plain-vs-expanded run ({@link ExpandExperiment}). */
public final class ExpandPlots {
    private ExpandPlots() {}

    /** ρ of hidden layer {@code layer}'s end-to-end weight per epoch, plain vs expanded. */
    public static XYChart rhoChart(ExpandExperiment.Result r, int layer) {
        XYChart c = Plots.lines("rho of hidden layer " + (layer + 1) + "'s end-to-end weight", "epoch", "effective rank rho");
        c.getStyler().setXAxisDecimalPattern("0");
        double[] x = r.epochs().stream().mapToDouble(ExpandExperiment.Epoch::epoch).toArray();
        c.addSeries("plain", x, r.epochs().stream().mapToDouble(e -> e.rhoPlain()[layer]).toArray());
        c.addSeries("expanded (collapsed)", x, r.epochs().stream().mapToDouble(e -> e.rhoExpanded()[layer]).toArray());
        return c;
    }

    /** Normalized singular-value spectra of a hidden layer, plain vs expanded, after training. */
    public static XYChart spectrumChart(ExpandExperiment.Result r, int layer) {
        XYChart c = Plots.lines("normalized singular values, hidden layer " + (layer + 1), "index i (largest first)", "s_i / s_max");
        double[] a = ExpandExperiment.normalizedSpectrum(r.plain(), layer), b = ExpandExperiment.normalizedSpectrum(r.expanded(), layer);
        c.getStyler().setXAxisDecimalPattern("0");
        double[] x = new double[a.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        c.addSeries("plain", x, a).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        c.addSeries("expanded (collapsed)", x, b).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        return c;
    }

    /**
     * ρ of the tested hidden layer per epoch over seeds, plain vs expanded: mean with 95% t-interval error bars
     * (epoch 0 = at initialization, so the chart shows init beside final).
     */
    public static XYChart rhoOverSeeds(ExpandedRho.Result r) {
        XYChart c = Plots.lines("rho of the end-to-end weight, mean and 95% CI over " + r.runs().size() + " seeds",
                "epoch (0 = at initialization)", "effective rank rho");
        c.getStyler().setXAxisDecimalPattern("0");
        double[][] plain = r.rhoByEpoch(false), expanded = r.rhoByEpoch(true);
        double[] x = new double[plain.length];
        for (int i = 0; i < x.length; i++) x[i] = i;
        Plots.addMeanCi(c, "plain", x, plain);
        Plots.addMeanCi(c, "expanded (collapsed)", x, expanded);
        return c;
    }
}
