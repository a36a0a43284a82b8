package org.lowrank.linalg;

/**
 * Scalar back end of {@link Gemm}, also the vector back end's edge handler: same accumulation order
 * ({@code fma} over p = 0…k−1 from 0) so both give identical bits.
 */
final class GemmScalar {
    private GemmScalar() {}

    /** C[i][j] for i in [i0, i1), j in [j0, j1); Â(i,p) = a[i·aRow + p·aCol], B and C row-major with row length ldb = n. */
    static void mul(double[] a, int aRow, int aCol, double[] b, double[] c, int i0, int i1, int j0, int j1, int k, int n) {
        for (int i = i0; i < i1; i++) {
            int ai = i * aRow, ci = i * n;
            for (int j = j0; j < j1; j++) {
                double s = 0;
                for (int p = 0, ap = ai, bp = j; p < k; p++, ap += aCol, bp += n) s = Math.fma(a[ap], b[bp], s);
                c[ci + j] = s;
            }
        }
    }
}
