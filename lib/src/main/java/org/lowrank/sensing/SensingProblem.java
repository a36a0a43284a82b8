package org.lowrank.sensing;

import java.util.Random;

/**
 * One sensing instance: a rank-{@code rank} target {@code W*} (n×n, row-major, Frobenius norm √rank) and {@code m}
 * linear measurements {@code y_k = ⟨A_k, W*⟩}. The loss of a candidate W is {@code (1/2m) Σ_k (⟨A_k, W⟩ − y_k)²}.
 * Both operators are scaled so that {@code E[(1/m) Σ_k A_k ⊗ A_k] = I}: Gaussian {@code A_k} have unit-variance
 * entries, completion uses {@code A_k = n·e_i e_jᵀ}. Immutable after construction.
 */
public final class SensingProblem {
    private final MeasurementKind kind;
    private final int n, rank, m;
    private final long seed;
    private final double[] target;
    private final double[][] gaussian; // m × n² (GAUSSIAN only)
    private final int[] entries;       // m flat indices (COMPLETION only)
    private final double[] y;

    /**
     * Draws the target and the measurements from {@code seed}.
     *
     * @param kind Gaussian sensing or completion
     * @param n    matrix side, ≥ 2
     * @param rank target rank, 1..n
     * @param m    number of measurements, 1..n²
     */
    public SensingProblem(MeasurementKind kind, int n, int rank, int m, long seed) {
        if (kind == null) throw new IllegalArgumentException("kind must not be null (GAUSSIAN or COMPLETION)");
        if (n < 2) throw new IllegalArgumentException("n = " + n + ": the matrix side must be at least 2");
        if (rank < 1 || rank > n) throw new IllegalArgumentException("rank = " + rank + ": must lie in 1.." + n);
        if (m < 1 || m > n * n) throw new IllegalArgumentException("m = " + m + ": must lie in 1..n² = " + n * n);
        this.kind = kind;
        this.n = n;
        this.rank = rank;
        this.m = m;
        this.seed = seed;
        Random rnd = new Random(seed);
        target = lowRankTarget(n, rank, rnd);
        if (kind == MeasurementKind.GAUSSIAN) {
            gaussian = new double[m][n * n];
            for (double[] a : gaussian) for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian();
            entries = null;
        } else {
            gaussian = null;
            entries = sampleWithoutReplacement(n * n, m, rnd);
        }
        y = measure(target);
    }

    /** {@code U Vᵀ} with Gaussian n×rank factors, rescaled to Frobenius norm √rank (mean squared singular value 1). */
    private static double[] lowRankTarget(int n, int rank, Random rnd) {
        double[] u = new double[n * rank], v = new double[n * rank];
        for (int i = 0; i < u.length; i++) u[i] = rnd.nextGaussian();
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rank; k++) s += u[i * rank + k] * v[j * rank + k];
                w[i * n + j] = s;
            }
        double scale = Math.sqrt(rank) / Mat.frobenius(w);
        for (int i = 0; i < w.length; i++) w[i] *= scale;
        return w;
    }

    /** {@code k} distinct values of 0..total-1 (partial Fisher–Yates), in draw order. */
    private static int[] sampleWithoutReplacement(int total, int k, Random rnd) {
        int[] all = new int[total];
        for (int i = 0; i < total; i++) all[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(total - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /** {@code ⟨A_k, W⟩} for every k. */
    public double[] measure(double[] w) {
        requireMatrix(w);
        double[] out = new double[m];
        if (gaussian != null) {
            for (int k = 0; k < m; k++) {
                double[] a = gaussian[k];
                double s = 0;
                for (int i = 0; i < a.length; i++) s += a[i] * w[i];
                out[k] = s;
            }
        } else {
            for (int k = 0; k < m; k++) out[k] = n * w[entries[k]];
        }
        return out;
    }

    /** Loss {@code (1/2m) Σ r_k²} and its gradient {@code (1/m) Σ r_k A_k} (written to {@code grad}) at W. */
    public double lossAndGradient(double[] w, double[] grad) {
        double[] r = measure(w);
        double loss = 0;
        for (int k = 0; k < m; k++) {
            r[k] -= y[k];
            loss += r[k] * r[k];
        }
        adjoint(r, grad);
        return loss / (2.0 * m);
    }

    /** {@code (1/m) Σ_k r_k A_k} into {@code out}. */
    public void adjoint(double[] r, double[] out) {
        if (r.length != m) throw new IllegalArgumentException("r has length " + r.length + ", expected m = " + m);
        requireMatrix(out);
        java.util.Arrays.fill(out, 0.0);
        if (gaussian != null) {
            for (int k = 0; k < m; k++) {
                double c = r[k] / m;
                double[] a = gaussian[k];
                for (int i = 0; i < a.length; i++) out[i] += c * a[i];
            }
        } else {
            for (int k = 0; k < m; k++) out[entries[k]] += (double) n * r[k] / m;
        }
    }

    /** Largest eigenvalue of {@code (1/m) Σ A_k ⊗ A_k} (the loss's smoothness constant), by power iteration. */
    public double operatorNorm() {
        if (entries != null) return (double) n * n / m;
        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        double[] v = new double[n * n], g = new double[n * n];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian();
        double lambda = 0;
        for (int it = 0; it < 100; it++) {
            double norm = Mat.frobenius(v);
            for (int i = 0; i < v.length; i++) v[i] /= norm;
            adjoint(measure(v), g);
            double next = 0;
            for (int i = 0; i < v.length; i++) next += v[i] * g[i];
            double[] t = v;
            v = g;
            g = t;
            if (Math.abs(next - lambda) <= 1e-6 * next) return next;
            lambda = next;
        }
        return lambda;
    }

    /** Relative reconstruction error {@code ‖W − W*‖_F / ‖W*‖_F}. */
    public double relativeError(double[] w) {
        requireMatrix(w);
        double d = 0;
        for (int i = 0; i < w.length; i++) d += (w[i] - target[i]) * (w[i] - target[i]);
        return Math.sqrt(d) / Mat.frobenius(target);
    }

    private void requireMatrix(double[] w) {
        if (w == null || w.length != n * n)
            throw new IllegalArgumentException("matrix has length " + (w == null ? "null" : w.length) + ", expected n² = " + n * n);
    }

    public MeasurementKind kind() { return kind; }
    public int n() { return n; }
    public int rank() { return rank; }
    public int m() { return m; }
    public long seed() { return seed; }
    /** A copy of the target W* (row-major). */
    public double[] target() { return target.clone(); }
    /** A copy of the measurements y. */
    public double[] y() { return y.clone(); }
    /** Degrees of freedom of an n×n rank-r matrix, {@code r(2n − r)}: fewer measurements cannot identify W*. */
    public static int degreesOfFreedom(int n, int rank) { return rank * (2 * n - rank); }
}
