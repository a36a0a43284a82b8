package org.lowrank.optim;

import org.lowrank.linalg.Gemm;

/**
 * Muon (K. Jordan et al., 2024): Nesterov momentum {@code b = μ·b + g, u = g + μ·b}, then {@code u} replaced by an
 * approximately orthogonal matrix with the same singular vectors (five quintic Newton–Schulz iterations with
 * coefficients (3.4445, −4.7750, 2.0315) on {@code u/‖u‖_F}), scaled by {@code √max(1, rows/cols)}:
 * {@code p -= lr·√max(1,rows/cols)·NS(u)}. Only for matrix parameters.
 *
 * <p>In DL4J a gradient block is flat; it is cut into consecutive {@code blockRows×blockCols} matrices (the
 * shape given here), so every layer updated by one Muon instance must have that shape.
 */
public final class Muon extends FirstOrder {
    private static final long serialVersionUID = 1L;
    private static final double A = 3.4445, B = -4.7750, C = 2.0315;
    private final double momentum;
    private final int nsSteps, blockRows, blockCols;

    /** Muon with momentum 0.95, 5 Newton–Schulz steps, and the DL4J block shape {@code blockRows×blockCols}. */
    public Muon(double lr, int blockRows, int blockCols) {
        this(lr, 0.95, 5, blockRows, blockCols);
    }

    public Muon(double lr, double momentum, int nsSteps, int blockRows, int blockCols) {
        super(lr);
        this.momentum = require("momentum", momentum, 0, 0.999999);
        if (nsSteps < 1 || nsSteps > 50) throw new IllegalArgumentException("nsSteps must be in [1, 50], got " + nsSteps);
        if (blockRows < 1 || blockCols < 1) {
            throw new IllegalArgumentException("block shape must be positive, got " + blockRows + "x" + blockCols);
        }
        this.nsSteps = nsSteps;
        this.blockRows = blockRows;
        this.blockCols = blockCols;
    }

    @Override public String name() { return "Muon"; }
    @Override public Muon withLearningRate(double lr) { return new Muon(lr, momentum, nsSteps, blockRows, blockCols); }
    @Override public int stateSize(int length) { return length; }
    @Override protected double[] hyper() { return new double[] {momentum, nsSteps, blockRows, blockCols}; }

    @Override
    public void update(double[] param, double[] grad, double[] b, int rows, int cols, int t) {
        if ((long) rows * cols != grad.length) {
            throw new IllegalArgumentException("rows*cols must equal grad.length, got " + rows + "*" + cols + " vs " + grad.length);
        }
        for (int i = 0; i < grad.length; i++) {
            b[i] = momentum * b[i] + grad[i];
            grad[i] = grad[i] + momentum * b[i];
        }
        double[] o = newtonSchulz(grad, rows, cols, nsSteps);
        double scale = lr * Math.sqrt(Math.max(1.0, (double) rows / cols));
        for (int i = 0; i < grad.length; i++) grad[i] = scale * o[i];
    }

    @Override
    protected void updateBlock(double[] grad, double[] state, int t) {
        int size = blockRows * blockCols;
        if (grad.length % size != 0) {
            throw new IllegalArgumentException("Muon block of " + grad.length + " values is not a whole number of "
                    + blockRows + "x" + blockCols + " matrices; give Muon the layers' shape");
        }
        double[] g = new double[size], s = new double[size];
        for (int off = 0; off < grad.length; off += size) {
            System.arraycopy(grad, off, g, 0, size);
            System.arraycopy(state, off, s, 0, size);
            update(null, g, s, blockRows, blockCols, t);
            System.arraycopy(g, 0, grad, off, size);
            System.arraycopy(s, 0, state, off, size);
        }
    }

    /**
     * Quintic Newton–Schulz orthogonalization of a row-major {@code rows×cols} matrix (Muon's
     * {@code zeropower_via_newtonschulz5}, in double precision): returns ≈ U·S'·Vᵀ with S' ≈ 1 where G = U·S·Vᵀ.
     */
    public static double[] newtonSchulz(double[] g, int rows, int cols, int steps) {
        boolean tr = rows > cols;
        int r = tr ? cols : rows, c = tr ? rows : cols;
        double[] x = tr ? Gemm.transpose(g, rows, cols) : g.clone();
        double norm = 0;
        for (double v : x) norm += v * v;
        norm = Math.sqrt(norm) + 1e-7;
        for (int i = 0; i < x.length; i++) x[i] /= norm;
        double[] a = new double[r * r], bm = new double[r * r], y = new double[r * c];
        for (int k = 0; k < steps; k++) {
            Gemm.mulABt(x, x, a, r, c, r);            // A = X Xᵀ
            Gemm.mul(a, a, bm, r, r, r);              // A²
            for (int i = 0; i < a.length; i++) bm[i] = B * a[i] + C * bm[i];
            Gemm.mul(bm, x, y, r, r, c);              // (bA + cA²) X
            for (int i = 0; i < x.length; i++) x[i] = A * x[i] + y[i];
        }
        return tr ? Gemm.transpose(x, r, c) : x;
    }
}
