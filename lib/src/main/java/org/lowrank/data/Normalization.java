package org.lowrank.data;

import java.util.Arrays;

/**
 * Pixel normalisation applied by {@link ImageIterator}: {@code x = (p/255 − mean[c]) / std[c]} per channel c.
 * {@link #unit()} maps pixels to [0, 1]; {@link #perChannel(ImageDataset)} standardises with statistics of a
 * (training) dataset.
 */
public record Normalization(double[] mean, double[] std) {
    /** Validates and copies. */
    public Normalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must be non-empty arrays of equal length, got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("std entries must be finite and > 0, got " + Arrays.toString(std));
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) throw new IllegalArgumentException("mean entries must be finite, got " + Arrays.toString(mean));
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Pixels scaled to [0, 1] (for any number of channels). */
    public static Normalization unit() {
        return new Normalization(new double[]{0}, new double[]{1});
    }

    /** Per-channel standardisation with the mean and standard deviation of {@code data}'s pixels (in [0,1] units). */
    public static Normalization perChannel(ImageDataset data) {
        int c = data.channels(), hw = data.height() * data.width();
        double[] sum = new double[c], sq = new double[c];
        byte[] px = data.rawPixels();
        for (int i = 0; i < data.size(); i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * hw;
                long s = 0, s2 = 0;
                for (int k = 0; k < hw; k++) {
                    int v = px[base + k] & 0xFF;
                    s += v;
                    s2 += (long) v * v;
                }
                sum[ch] += s;
                sq[ch] += s2;
            }
        }
        double n = (double) data.size() * hw;
        double[] mean = new double[c], std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n;
            mean[ch] = m / 255.0;
            std[ch] = Math.sqrt(Math.max(sq[ch] / n - m * m, 1e-12)) / 255.0;
        }
        return new Normalization(mean, std);
    }

    @Override public double[] mean() { return mean.clone(); }
    @Override public double[] std() { return std.clone(); }

    /** Scale for channel c (1 stored channel applies to all). */
    float scale(int c) { return (float) (1.0 / (255.0 * std[c % std.length])); }
    float shift(int c) { return (float) (-mean[c % mean.length] / std[c % std.length]); }

    @Override
    public String toString() {
        return "Normalization(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
