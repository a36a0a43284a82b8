package org.lowrank.optim;

import org.lowrank.linalg.Gemm;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Shampoo (Gupta, Koren &amp; Singer, ICML 2018) for matrix parameters, in its basic form: Kronecker-factored
 * preconditioners {@code L = εI + Σ G Gᵀ}, {@code R = εI + Σ Gᵀ G} accumulated every step, and
 * {@code p -= lr · L^{−1/4} G R^{−1/4}}. No grafting, no preconditioner-update interval, no momentum (those are
 * later production additions). Torch 1.13 has no Shampoo; the tests check a hand-computed step and convergence.
 *
 * <p>The state holds the two preconditioners, so the parameter shape is fixed here: every tensor updated by one
 * instance must be {@code rows×cols} (in DL4J a flat gradient block is cut into consecutive such matrices, as for
 * {@link Muon}). The inverse fourth roots come from Commons Math's symmetric {@link EigenDecomposition}.
 */
public final class Shampoo extends FirstOrder {
    private static final long serialVersionUID = 1L;
    private final double eps;
    private final int rows, cols;

    /** Shampoo with ε = 1e-4 for {@code rows×cols} parameters. */
    public Shampoo(double lr, int rows, int cols) {
        this(lr, 1e-4, rows, cols);
    }

    public Shampoo(double lr, double eps, int rows, int cols) {
        super(lr);
        this.eps = require("eps", eps, 1e-300, 1e6);
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("shape must be positive, got " + rows + "x" + cols);
        this.rows = rows;
        this.cols = cols;
    }

    @Override public String name() { return "Shampoo"; }
    @Override public Shampoo withLearningRate(double lr) { return new Shampoo(lr, eps, rows, cols); }
    @Override protected double[] hyper() { return new double[] {eps, rows, cols}; }

    /** {@code rows² + cols²} per {@code rows×cols} matrix; {@code length} must be a whole number of them. */
    @Override
    public int stateSize(int length) {
        int size = rows * cols;
        if (length % size != 0)
            throw new IllegalArgumentException("length = " + length + " is not a whole number of " + rows + "x" + cols + " matrices");
        return (length / size) * (rows * rows + cols * cols);
    }

    @Override
    public void update(double[] param, double[] grad, double[] s, int rows, int cols, int t) {
        if (rows != this.rows || cols != this.cols || grad.length != rows * cols)
            throw new IllegalArgumentException("Shampoo was built for " + this.rows + "x" + this.cols + " parameters, got " + rows + "x"
                    + cols + " (" + grad.length + " values)");
        int lOff = 0, rOff = rows * rows;
        if (t == 1) { // the preconditioners start at εI
            for (int i = 0; i < rows; i++) s[lOff + i * rows + i] += eps;
            for (int j = 0; j < cols; j++) s[rOff + j * cols + j] += eps;
        }
        double[] ggT = new double[rows * rows], gTg = new double[cols * cols];
        Gemm.mulABt(grad, grad, ggT, rows, cols, rows);
        Gemm.mulAtB(grad, grad, gTg, rows, cols, cols);
        for (int i = 0; i < ggT.length; i++) s[lOff + i] += ggT[i];
        for (int i = 0; i < gTg.length; i++) s[rOff + i] += gTg[i];
        double[] li = inverseFourthRoot(s, lOff, rows), ri = inverseFourthRoot(s, rOff, cols);
        double[] tmp = new double[rows * cols], step = new double[rows * cols];
        Gemm.mul(li, grad, tmp, rows, rows, cols);
        Gemm.mul(tmp, ri, step, rows, cols, cols);
        for (int i = 0; i < grad.length; i++) grad[i] = lr * step[i];
    }

    @Override
    protected void updateBlock(double[] grad, double[] state, int t) {
        int size = rows * cols, ss = rows * rows + cols * cols;
        if (grad.length % size != 0)
            throw new IllegalArgumentException("Shampoo block of " + grad.length + " values is not a whole number of " + rows + "x" + cols
                    + " matrices; give Shampoo the layers' shape");
        double[] g = new double[size], s = new double[ss];
        for (int b = 0; b < grad.length / size; b++) {
            System.arraycopy(grad, b * size, g, 0, size);
            System.arraycopy(state, b * ss, s, 0, ss);
            update(null, g, s, rows, cols, t);
            System.arraycopy(g, 0, grad, b * size, size);
            System.arraycopy(s, 0, state, b * ss, ss);
        }
    }

    /** {@code A^{−1/4}} of the symmetric positive-definite n×n matrix at {@code s[off..]} (row-major). */
    static double[] inverseFourthRoot(double[] s, int off, int n) {
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a.setEntry(i, j, 0.5 * (s[off + i * n + j] + s[off + j * n + i]));
        EigenDecomposition e = new EigenDecomposition(a);
        double[] lambda = e.getRealEigenvalues();
        RealMatrix v = e.getV();
        double[] out = new double[n * n];
        for (int k = 0; k < n; k++) {
            double f = Math.pow(Math.max(lambda[k], Double.MIN_NORMAL), -0.25);
            for (int i = 0; i < n; i++) {
                double vik = v.getEntry(i, k) * f;
                for (int j = 0; j < n; j++) out[i * n + j] += vik * v.getEntry(j, k);
            }
        }
        return out;
    }
}
