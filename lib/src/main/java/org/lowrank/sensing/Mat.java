package org.lowrank.sensing;

/**
 * Row-major square-matrix helpers for the sensing models. Hand-written because the matrices are n×n with n ≈ 20–100
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
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) {
                double aik = ta ? a[k * n + i] : a[i * n + k];
                if (aik == 0) continue;
                int o = i * n;
                if (tb) for (int j = 0; j < n; j++) out[o + j] += aik * b[j * n + k];
                else {
                    int bo = k * n;
                    for (int j = 0; j < n; j++) out[o + j] += aik * b[bo + j];
                }
            }
    }

    static double[] multiply(double[] a, double[] b, int n) {
        double[] out = new double[n * n];
        multiply(a, false, b, false, out, n);
        return out;
    }
}
