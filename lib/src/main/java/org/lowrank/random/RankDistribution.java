package org.lowrank.random;

import java.util.Arrays;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Samples of a rank measure over random draws, with summary statistics, a histogram and a Gaussian KDE.
 *
 * <p>The KDE is hand-written because Commons Math 3.6.1 has none (its {@code EmpiricalDistribution} is a
 * histogram-based kernel smoother with per-bin kernels, not a KDE): a Gaussian kernel with Silverman's
 * rule-of-thumb bandwidth h = 0.9·min(sd, IQR/1.34)·n^(−1/5), the default of the tools the paper's plots
 * likely came from (seaborn/scipy use Scott's or Silverman's rule; the paper's is not known).
 * The histogram uses plain equal-width bins on a caller-given range so that several depths share bins.
 */
public final class RankDistribution {
    private final double[] samples;
    private final DescriptiveStatistics stats;

    /** Wraps samples (copied); all must be finite. */
    public RankDistribution(double[] samples) {
        if (samples == null || samples.length == 0) throw new IllegalArgumentException("samples must be non-empty");
        for (int i = 0; i < samples.length; i++) {
            if (!Double.isFinite(samples[i])) {
                throw new IllegalArgumentException("samples must be finite, found " + samples[i] + " at index " + i);
            }
        }
        this.samples = samples.clone();
        this.stats = new DescriptiveStatistics(this.samples);
    }

    /** A copy of the samples, in draw order. */
    public double[] samples() {
        return samples.clone();
    }

    /** Number of samples. */
    public int size() {
        return samples.length;
    }

    /** Sample mean. */
    public double mean() {
        return stats.getMean();
    }

    /** Sample standard deviation (n − 1). */
    public double std() {
        return samples.length < 2 ? 0.0 : stats.getStandardDeviation();
    }

    /** Standard error of the mean. */
    public double standardError() {
        return std() / Math.sqrt(samples.length);
    }

    /** The p-th percentile, p in (0, 100]. */
    public double percentile(double p) {
        return stats.getPercentile(p);
    }

    /** Silverman's rule-of-thumb bandwidth (falls back to sd, then to 1e-3, for degenerate samples). */
    public double silvermanBandwidth() {
        double sd = std();
        double iqr = (percentile(75) - percentile(25)) / 1.34;
        double spread = iqr > 0 ? Math.min(sd, iqr) : sd;
        if (!(spread > 0)) spread = 1e-3;
        return 0.9 * spread * Math.pow(samples.length, -0.2);
    }

    /** Gaussian KDE (Silverman bandwidth) at the points {@code xs}: a probability density. */
    public double[] kde(double[] xs) {
        return kde(xs, silvermanBandwidth());
    }

    /** Gaussian KDE with bandwidth {@code h} at the points {@code xs}. */
    public double[] kde(double[] xs, double h) {
        if (!(h > 0)) throw new IllegalArgumentException("bandwidth h must be > 0, got " + h);
        double norm = 1.0 / (samples.length * h * Math.sqrt(2 * Math.PI));
        double[] f = new double[xs.length];
        for (int j = 0; j < xs.length; j++) {
            double s = 0;
            for (double v : samples) {
                double z = (xs[j] - v) / h;
                s += Math.exp(-0.5 * z * z);
            }
            f[j] = s * norm;
        }
        return f;
    }

    /** Location and height of a density's maximum. */
    public record Peak(double location, double height) {}

    /** The KDE's maximum on an evenly spaced grid of {@code points} points over [lo, hi]. */
    public Peak kdePeak(double lo, double hi, int points) {
        double[] xs = grid(lo, hi, points);
        double[] f = kde(xs);
        int best = 0;
        for (int i = 1; i < f.length; i++) if (f[i] > f[best]) best = i;
        return new Peak(xs[best], f[best]);
    }

    /**
     * Histogram densities on {@code bins} equal bins over [lo, hi] (values outside are dropped, the density
     * is normalised by the total count so that it integrates to the fraction inside).
     */
    public double[] histogram(int bins, double lo, double hi) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        if (!(hi > lo)) throw new IllegalArgumentException("need lo < hi, got [" + lo + ", " + hi + "]");
        double width = (hi - lo) / bins;
        double[] d = new double[bins];
        for (double v : samples) {
            if (v < lo || v > hi) continue;
            int b = Math.min(bins - 1, (int) ((v - lo) / width));
            d[b] += 1;
        }
        for (int i = 0; i < bins; i++) d[i] /= samples.length * width;
        return d;
    }

    /** Bin centres of {@link #histogram(int, double, double)}. */
    public static double[] binCenters(int bins, double lo, double hi) {
        double w = (hi - lo) / bins;
        double[] c = new double[bins];
        for (int i = 0; i < bins; i++) c[i] = lo + (i + 0.5) * w;
        return c;
    }

    /** {@code points} evenly spaced values from lo to hi inclusive. */
    public static double[] grid(double lo, double hi, int points) {
        if (points < 2) throw new IllegalArgumentException("points must be >= 2, got " + points);
        double[] xs = new double[points];
        for (int i = 0; i < points; i++) xs[i] = lo + (hi - lo) * i / (points - 1);
        return xs;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RankDistribution[n=%d, mean=%.4f, std=%.4f]", samples.length, mean(), std());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankDistribution r && Arrays.equals(samples, r.samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples);
    }
}
