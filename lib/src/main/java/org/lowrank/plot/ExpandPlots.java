package org.lowrank.plot;

import org.knowm.xchart.XYChart;
import org.lowrank.train.ExpandExperiment;

/** Charts of notebook 08's plain-vs-expanded run ({@link ExpandExperiment}). */
public final class ExpandPlots {
    private ExpandPlots() {}

    /** ρ of hidden layer {@code layer}'s end-to-end weight per epoch, plain vs expanded. */
    public static XYChart rhoChart(ExpandExperiment.Result r, int layer) {
        XYChart c = Plots.lines("rho of hidden layer " + (layer + 1) + "'s end-to-end weight", "epoch", "effective rank rho");
        double[] x = r.epochs().stream().mapToDouble(ExpandExperiment.Epoch::epoch).toArray();
        c.addSeries("plain", x, r.epochs().stream().mapToDouble(e -> e.rhoPlain()[layer]).toArray());
        c.addSeries("expanded (collapsed)", x, r.epochs().stream().mapToDouble(e -> e.rhoExpanded()[layer]).toArray());
        return c;
    }

    /** Normalized singular-value spectra of a hidden layer, plain vs expanded, after training. */
    public static XYChart spectrumChart(ExpandExperiment.Result r, int layer) {
        XYChart c = Plots.lines("normalized singular values, hidden layer " + (layer + 1), "index", "s_i / s_max");
        double[] a = ExpandExperiment.normalizedSpectrum(r.plain(), layer), b = ExpandExperiment.normalizedSpectrum(r.expanded(), layer);
        double[] x = new double[a.length];
        for (int i = 0; i < x.length; i++) x[i] = i;
        c.addSeries("plain", x, a);
        c.addSeries("expanded (collapsed)", x, b);
        return c;
    }
}
