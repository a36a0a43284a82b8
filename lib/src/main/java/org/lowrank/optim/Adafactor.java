package org.lowrank.optim;

/**
 * Adafactor (Shazeer &amp; Stern, ICML 2018), Algorithms 4–5 without momentum and with a fixed learning rate (as
 * {@code relative_step=False, scale_parameter=False} in common implementations): decay {@code β̂₂ = 1 − t^{−c}}
 * (c = 0.8); for a matrix the second moment is factored into row sums {@code R ← β̂₂R + (1−β̂₂)(G²+ε₁)1} and column
 * sums {@code C ← β̂₂C + (1−β̂₂)1ᵀ(G²+ε₁)}, {@code V̂ = R Cᵀ / (1ᵀR)}; a vector (rows = 1 or cols = 1) keeps the full
 * {@code V̂ ← β̂₂V̂ + (1−β̂₂)(G²+ε₁)}. Then {@code U = G/√V̂}, clipped to {@code U / max(1, RMS(U)/d)}, and
 * {@code p -= lr·U}. Torch 1.13 has no Adafactor; the tests check hand-computed steps and convergence.
 *
 * <p>In DL4J a gradient block is flat and treated as one vector (the unfactored rule).
 */
public final class Adafactor extends FirstOrder {
    private static final long serialVersionUID = 1L;
    private final double decayRate, eps1, clipThreshold;

    /** c = 0.8, ε₁ = 1e-30, d = 1 (the paper's defaults). */
    public Adafactor(double lr) {
        this(lr, 0.8, 1e-30, 1.0);
    }

    public Adafactor(double lr, double decayRate, double eps1, double clipThreshold) {
        super(lr);
        this.decayRate = require("decayRate", decayRate, 1e-6, 1);
        this.eps1 = require("eps1", eps1, 0, 1);
        this.clipThreshold = require("clipThreshold", clipThreshold, 1e-12, Double.MAX_VALUE);
    }

    @Override public String name() { return "Adafactor"; }
    @Override public Adafactor withLearningRate(double lr) { return new Adafactor(lr, decayRate, eps1, clipThreshold); }
    @Override protected double[] hyper() { return new double[] {decayRate, eps1, clipThreshold}; }

    /** {@code length} doubles: enough for rows + cols (factored) and for a vector's full second moment. */
    @Override public int stateSize(int length) { return length; }

    @Override
    public void update(double[] param, double[] grad, double[] s, int rows, int cols, int t) {
        if ((long) rows * cols != grad.length)
            throw new IllegalArgumentException("rows*cols must equal grad.length, got " + rows + "*" + cols + " vs " + grad.length);
        double beta = 1 - Math.pow(t, -decayRate);
        int n = grad.length;
        double sumSq = 0;
        if (rows == 1 || cols == 1) {
            for (int i = 0; i < n; i++) {
                double g = grad[i];
                double v = s[i] = beta * s[i] + (1 - beta) * (g * g + eps1);
                double u = g / Math.sqrt(v);
                grad[i] = u;
                sumSq += u * u;
            }
        } else {
            int cOff = rows;
            for (int i = 0; i < rows; i++) {
                double r = 0;
                for (int j = 0; j < cols; j++) r += grad[i * cols + j] * grad[i * cols + j] + eps1;
                s[i] = beta * s[i] + (1 - beta) * r;
            }
            for (int j = 0; j < cols; j++) {
                double c = 0;
                for (int i = 0; i < rows; i++) c += grad[i * cols + j] * grad[i * cols + j] + eps1;
                s[cOff + j] = beta * s[cOff + j] + (1 - beta) * c;
            }
            double rowTotal = 0;
            for (int i = 0; i < rows; i++) rowTotal += s[i];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) {
                    double v = s[i] * s[cOff + j] / rowTotal;
                    double u = grad[i * cols + j] / Math.sqrt(v);
                    grad[i * cols + j] = u;
                    sumSq += u * u;
                }
        }
        double clip = Math.max(1.0, Math.sqrt(sumSq / n) / clipThreshold);
        for (int i = 0; i < n; i++) grad[i] = lr * grad[i] / clip;
    }
}
