package org.lowrank.linalg;

/**
 * Scalar back end of {@link Gemm}, also the vector back end's edge handler: same accumulation order
 * ({@code fma} over p = 0…k−1 from 0) so both give identical bits.
 */
final class GemmScalar {
    private GemmScalar() {}

    /**
     * C[i][j] for i in [i0, i1), j in [j0, j1); Â(i,p) = a[i·aRow + p·aCol], B and C row-major with row length n.
     * Loops i-p-j (B and C read along rows); each C entry still sees p in increasing order.
     */
    static void mul(double[] a, int aRow, int aCol, double[] b, double[] c, int i0, int i1, int j0, int j1, int k, int n) {
        for (int i = i0; i < i1; i++) {
            int ai = i * aRow, ci = i * n;
            java.util.Arrays.fill(c, ci + j0, ci + j1, 0.0);
            for (int p = 0, bp = 0; p < k; p++, bp += n) {
                double v = a[ai + p * aCol];
                for (int j = j0; j < j1; j++) c[ci + j] = Math.fma(v, b[bp + j], c[ci + j]);
            }
        }
    }
}
