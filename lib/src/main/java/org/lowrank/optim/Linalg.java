package org.lowrank.optim;

/**
 * Dense row-major matrix kernels on {@code double[]} for tiny matrices (≤ a few hundred per side). Hand-written on
 * purpose: for 32×32 products the JNI and op-dispatch overhead of ND4J (or Commons Math's boxed matrices) costs
 * more than the arithmetic; these loops run in cache with the i-k-j order the JIT vectorizes.
 */
public final class Linalg {
    private Linalg() {}

    /** C[m×n] = A[m×k] · B[k×n]. */
    public static void mul(double[] a, double[] b, double[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            int ci = i * n, ai = i * k;
            for (int p = 0; p < k; p++) {
                double v = a[ai + p];
                if (v == 0) continue;
                int bp = p * n;
                for (int j = 0; j < n; j++) c[ci + j] += v * b[bp + j];
            }
        }
    }

    /** C[m×n] = A[m×k] · B[n×k]ᵀ. */
    public static void mulABt(double[] a, double[] b, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                c[i * n + j] = s;
            }
        }
    }

    /** C[k×n] = A[m×k]ᵀ · B[m×n]. */
    public static void mulAtB(double[] a, double[] b, double[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, k * n, 0.0);
        for (int i = 0; i < m; i++) {
            int ai = i * k, bi = i * n;
            for (int p = 0; p < k; p++) {
                double v = a[ai + p];
                if (v == 0) continue;
                int cp = p * n;
                for (int j = 0; j < n; j++) c[cp + j] += v * b[bi + j];
            }
        }
    }

    /** The transpose of a row-major {@code rows×cols} matrix. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
        return t;
    }

    /** A row-major array as {@code double[rows][cols]}. */
    public static double[][] toMatrix(double[] a, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(a, i * cols, m[i], 0, cols);
        return m;
    }

    /** Dot product. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
