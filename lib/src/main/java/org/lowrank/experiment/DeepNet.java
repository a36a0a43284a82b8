package org.lowrank.experiment;

import org.lowrank.random.Nonlinearity;

import org.lowrank.random.RandomMatrices;

import java.util.Random;
import org.lowrank.linalg.Gemm;
import org.lowrank.rank.RankMetrics;

/**
 * The fast path: a tiny bias-free MLP on plain {@code double[]} with hand-derived backprop. For 32×32 layers
 * DL4J/ND4J spend most of a step in per-op overhead (JNI, workspaces, updater blocks); here every product is one
 * {@link Gemm} call in cache, ReLU and its mask are branch-free vector loops (measured by the {@code train}
 * benchmark). Layer i is a row-major {@code rows×cols} array;
 * inputs are row-major {@code N×in}. Loss: mean squared error over all outputs,
 * {@code L = (1/(N·out)) Σ (ŷ − y)²} (torch {@code MSELoss}, DL4J {@code LossMSE}).
 * Not thread-safe; one instance per run.
 */
public final class DeepNet {
    private final NetConfig config;
    private final double[][] w;
    private int bufN = -1;
    private double[][] z, h; // pre-activations and activations per layer for the last forward
    private double[] dz, dzPrev, dh;
    private double[][] wt; // transposed layers, refreshed each forward: Z = H·Wᵀ becomes a plain A·B product

    /** A network with weights drawn by the config's init from {@code seed}. */
    public DeepNet(NetConfig config, long seed) {
        this.config = config;
        this.w = new double[config.depth()][];
        Random r = new Random(seed);
        if (config.init() != NetConfig.Init.LOW_RANK) {
            double shrink = config.init() == NetConfig.Init.SMALL ? Math.pow(0.01, 1.0 / config.depth()) : 1.0;
            for (int i = 0; i < config.depth(); i++) {
                int rows = config.rows(i), cols = config.cols(i);
                double gain = i == config.depth() - 1 ? 1.0 : config.activation().gain();
                double std = shrink * gain / Math.sqrt(cols);
                w[i] = new double[rows * cols];
                for (int k = 0; k < w[i].length; k++) w[i][k] = std * r.nextGaussian();
            }
        } else {
            initLowRank(r);
        }
    }

    private DeepNet(NetConfig config, double[][] weights) {
        this.config = config;
        this.w = weights;
    }

    /** A network with the given weights (copied), checked against the config's shapes. */
    public static DeepNet of(NetConfig config, double[][] weights) {
        if (weights.length != config.depth()) {
            throw new IllegalArgumentException("weights must have " + config.depth() + " layers, got " + weights.length);
        }
        double[][] c = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != config.rows(i) * config.cols(i)) {
                throw new IllegalArgumentException("weights[" + i + "] must have " + config.rows(i) + "x" + config.cols(i)
                        + " entries, got " + weights[i].length);
            }
            c[i] = weights[i].clone();
        }
        return new DeepNet(config, c);
    }

    /**
     * Rank of the low-rank init's dominant part: ρ(W_e) ≈ ln 4 ≈ 1.2–1.4 matches the paper's low-rank init markers
     * (1.1–1.4, docs/reproduction-notes.md §2.4).
     */
    static final int LOW_RANK_INIT_RANK = 4;
    /** The other singular values of the low-rank init, relative to the largest (small but non-zero: trainable). */
    static final double LOW_RANK_INIT_FLOOR = 1e-3;

    private void initLowRank(Random r) {
        int n = config.inputDim(), d = config.depth(), k = Math.min(LOW_RANK_INIT_RANK, n);
        double[] u = RandomMatrices.gaussian(r, n * k), v = RandomMatrices.gaussian(r, k * n), g = new double[n * n];
        Gemm.mul(u, v, g, n, k, n);
        double[] s = RankMetrics.singularValues(Gemm.toMatrix(g, n, n));
        double[] dsp = new double[n];
        for (int j = 0; j < n; j++) dsp[j] = j < k ? s[j] : LOW_RANK_INIT_FLOOR * s[0];
        double ss = 0;
        for (double x : dsp) ss += x * x;
        double scale = Math.sqrt(config.outputDim() / ss);
        double[][] q = new double[d + 1][];
        for (int i = 0; i <= d; i++) q[i] = RandomMatrices.haarOrthogonal(r, n);
        for (int i = 0; i < d; i++) {
            // W_i = Q_{i+1} diag(D^{1/d}) Q_iᵀ
            double[] a = new double[n * n];
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    a[row * n + col] = q[i + 1][row * n + col] * Math.pow(scale * dsp[col], 1.0 / d);
                }
            }
            w[i] = new double[n * n];
            Gemm.mulABt(a, q[i], w[i], n, n, n);
        }
    }

    /** The configuration. */
    public NetConfig config() {
        return config;
    }

    /** Layer i's weights (live array, row-major {@code rows(i)×cols(i)}). */
    public double[] layer(int i) {
        return w[i];
    }

    /** A deep copy. */
    public DeepNet copy() {
        return of(config, w);
    }

    /** All weights concatenated (for whole-vector optimizers). */
    public double[] flatten() {
        double[] x = new double[config.parameterCount()];
        int o = 0;
        for (double[] l : w) {
            System.arraycopy(l, 0, x, o, l.length);
            o += l.length;
        }
        return x;
    }

    /** Sets all weights from a concatenated vector. */
    public void unflatten(double[] x) {
        if (x.length != config.parameterCount()) {
            throw new IllegalArgumentException("x must have " + config.parameterCount() + " entries, got " + x.length);
        }
        int o = 0;
        for (double[] l : w) {
            System.arraycopy(x, o, l, 0, l.length);
            o += l.length;
        }
    }

    private void ensure(int n) {
        if (n == bufN) return;
        int d = config.depth();
        z = new double[d][];
        h = new double[d][];
        int maxRows = 0;
        for (int i = 0; i < d; i++) {
            z[i] = new double[n * config.rows(i)];
            h[i] = config.activation() == Nonlinearity.LINEAR ? z[i] : new double[n * config.rows(i)];
            maxRows = Math.max(maxRows, Math.max(config.rows(i), config.cols(i)));
        }
        wt = new double[d][];
        for (int i = 0; i < d; i++) wt[i] = new double[w[i].length];
        dz = new double[n * maxRows];
        dzPrev = new double[n * maxRows];
        dh = new double[n * maxRows];
        bufN = n;
    }

    /** Output for {@code n} inputs (row-major {@code n×in}); returns an internal buffer valid until the next call. */
    public double[] forward(double[] x, int n) {
        if (x.length != n * config.inputDim()) {
            throw new IllegalArgumentException("x must have n*inputDim = " + n * config.inputDim() + " entries, got " + x.length);
        }
        ensure(n);
        int d = config.depth();
        Nonlinearity act = config.activation();
        double[] in = x;
        for (int i = 0; i < d; i++) {
            int rows = config.rows(i), cols = config.cols(i);
            Gemm.transpose(w[i], wt[i], rows, cols);
            Gemm.mul(in, wt[i], z[i], n, cols, rows);
            if (i < d - 1 && act != Nonlinearity.LINEAR) {
                double[] zi = z[i], hi = h[i];
                if (act == Nonlinearity.RELU) Gemm.relu(zi, hi, zi.length);
                else for (int k = 0; k < zi.length; k++) hi[k] = act.apply(zi[k]);
            }
            in = i < d - 1 ? h[i] : z[i];
        }
        return z[d - 1];
    }

    /** The penultimate representation φ(X) (row-major {@code n×width}; X itself at depth 1), a fresh array. */
    public double[] embed(double[] x, int n) {
        forward(x, n);
        return config.depth() == 1 ? x.clone() : h[config.depth() - 2].clone();
    }

    /** Size of each row of {@link #embed}. */
    public int embeddingDim() {
        return config.depth() == 1 ? config.inputDim() : config.width();
    }

    /** Mean squared error on (x, y) without gradients. */
    public double loss(double[] x, double[] y, int n) {
        double[] out = forward(x, n);
        double s = 0;
        for (int k = 0; k < out.length; k++) {
            double e = out[k] - y[k];
            s += e * e;
        }
        return s / out.length;
    }

    /**
     * Mean squared error and its gradient: {@code grads[i]} (same shapes as the layers) is overwritten with ∂L/∂W_i.
     */
    public double lossAndGradient(double[] x, double[] y, int n, double[][] grads) {
        double[] out = forward(x, n);
        int d = config.depth();
        Nonlinearity act = config.activation();
        double s = 0, c = 2.0 / out.length;
        for (int k = 0; k < out.length; k++) {
            double e = out[k] - y[k];
            s += e * e;
            dz[k] = c * e;
        }
        for (int i = d - 1; i >= 0; i--) {
            int rows = config.rows(i), cols = config.cols(i);
            double[] in = i == 0 ? x : h[i - 1];
            Gemm.mulAtB(dz, in, grads[i], n, rows, cols);
            if (i > 0) {
                double[] zp = z[i - 1];
                int len = n * cols;
                if (act == Nonlinearity.LINEAR) {
                    Gemm.mul(dz, w[i], dzPrev, n, rows, cols); // dL/dZ_{i-1} = dL/dH_{i-1}
                } else {
                    Gemm.mul(dz, w[i], dh, n, rows, cols);
                    if (act == Nonlinearity.RELU) {
                        Gemm.reluBackward(dh, zp, dzPrev, len);
                    } else if (act == Nonlinearity.TANH) {
                        // tanh' = 1 − tanh², from the stored activation: the same bits as act.derivative(z) without a
                        // second Math.tanh per entry (tanh dominates the step of a tanh net)
                        double[] hp = h[i - 1];
                        for (int k = 0; k < len; k++) dzPrev[k] = dh[k] * (1 - hp[k] * hp[k]);
                    } else {
                        for (int k = 0; k < len; k++) dzPrev[k] = dh[k] * act.derivative(zp[k]);
                    }
                }
                double[] t = dz;
                dz = dzPrev;
                dzPrev = t;
            }
        }
        return s / out.length;
    }

    /** Gradient buffers shaped like the layers. */
    public double[][] newGradients() {
        double[][] g = new double[config.depth()][];
        for (int i = 0; i < g.length; i++) g[i] = new double[w[i].length];
        return g;
    }

    /** The end-to-end matrix W_e = W_d⋯W_1 ({@code out×in}, row-major); meaningful for linear nets. */
    public double[] endToEnd() {
        double[] p = w[0].clone();
        int cols = config.cols(0);
        for (int i = 1; i < config.depth(); i++) {
            double[] q = new double[config.rows(i) * cols];
            Gemm.mul(w[i], p, q, config.rows(i), config.cols(i), cols);
            p = q;
        }
        return p;
    }

    /** ρ(W_e), the paper's effective rank of the end-to-end matrix (linear nets only). */
    public double endToEndRank() {
        if (config.activation() != Nonlinearity.LINEAR) {
            throw new IllegalArgumentException("endToEndRank needs a linear net, activation is " + config.activation());
        }
        return RankMetrics.effectiveRank(Gemm.toMatrix(endToEnd(), config.outputDim(), config.inputDim()));
    }
}
