package org.lowrank.sensing;

/**
 * Row-major matrix helpers (square and rectangular) for the sensing models. Hand-written because the matrices are n×n with n ≈ 20–100
 * and the models multiply them thousands of times per run: ND4J's per-call overhead (INDArray allocation and
 * checks, measured in {@code rank.LapackSvd}'s notes at these sizes) would dominate the arithmetic.
 */
final class Mat {
    private Mat() {}

    static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s);
    }

    static double[] identity(int n) {
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) e[i * n + i] = 1.0;
        return e;
    }

    /** {@code out = op(a) · op(b)} for n×n row-major matrices ({@code ta}/{@code tb}: transpose); out must not alias. */
    static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] out, int n) {
        multiply(a, ta, b, tb, out, n, n, n);
    }

    /**
     * {@code out = op(a) · op(b)} with op(a) rows×inner and op(b) inner×cols, all row-major ({@code ta}/{@code tb}:
     * the stored matrix is the transpose); out (rows×cols) must not alias. Same summation order as the square case.
     */
    static void multiply(double[] a, boolean ta, double[] b, boolean tb, double[] out, int rows, int inner, int cols) {
        java.util.Arrays.fill(out, 0, rows * cols, 0.0);
        for (int i = 0; i < rows; i++)
            for (int k = 0; k < inner; k++) {
                double aik = ta ? a[k * rows + i] : a[i * inner + k];
                if (aik == 0) continue;
                int o = i * cols;
                if (tb) for (int j = 0; j < cols; j++) out[o + j] += aik * b[j * inner + k];
                else {
                    int bo = k * cols;
                    for (int j = 0; j < cols; j++) out[o + j] += aik * b[bo + j];
                }
            }
    }

    static double[] multiply(double[] a, double[] b, int n) {
        double[] out = new double[n * n];
        multiply(a, false, b, false, out, n);
        return out;
    }
}
