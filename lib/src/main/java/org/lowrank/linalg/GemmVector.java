package org.lowrank.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API back end of {@link Gemm}: C is cut into blocks of 4 rows × 4 vectors (512-bit and wider) or 4 rows × 2
 * vectors (narrower), held in registers over the whole inner dimension; each step broadcasts one entry of Â per row
 * and loads one row slice of B per vector (the i-k-j order, B read contiguously). Columns left over after whole
 * vectors, and rows after whole blocks of 4, go to narrower kernels and to {@link GemmScalar}. Every entry is
 * accumulated as {@code fma} over p = 0…k−1 from 0, like the scalar back end.
 * Only loaded when {@code jdk.incubator.vector} is in the boot layer.
 */
final class GemmVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors per block row: 4 where 32 vector registers exist (AVX-512), else 2. */
    private static final int WIDE = L >= 8 ? 4 : 2;

    int lanes() {
        return L;
    }

    void mul(double[] a, int ar, int ac, double[] b, double[] c, int m, int k, int n) {
        int mb = m - m % 4;
        int nWide = n - n % (WIDE * L), nVec = n - n % L;
        for (int i = 0; i < mb; i += 4) {
            int j = 0;
            if (WIDE == 4) for (; j < nWide; j += 4 * L) block4x4(a, ar, ac, b, c, i, j, k, n);
            else for (; j < nWide; j += 2 * L) block4x2(a, ar, ac, b, c, i, j, k, n);
            for (; j < nVec; j += L) block4x1(a, ar, ac, b, c, i, j, k, n);
            if (nVec < n) GemmScalar.mul(a, ar, ac, b, c, i, i + 4, nVec, n, k, n);
        }
        for (int i = mb; i < m; i++) {
            for (int j = 0; j < nVec; j += L) block1x1(a, ar, ac, b, c, i, j, k, n);
            if (nVec < n) GemmScalar.mul(a, ar, ac, b, c, i, i + 1, nVec, n, k, n);
        }
    }

    private static void block4x4(double[] a, int ar, int ac, double[] b, double[] c, int i, int j, int k, int n) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int a0 = i * ar, a1 = a0 + ar, a2 = a1 + ar, a3 = a2 + ar;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L), b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            int o = p * ac;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + o]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[a1 + o]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[a2 + o]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[a3 + o]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        int r = i * n + j;
        c00.intoArray(c, r); c01.intoArray(c, r + L); c02.intoArray(c, r + 2 * L); c03.intoArray(c, r + 3 * L);
        r += n;
        c10.intoArray(c, r); c11.intoArray(c, r + L); c12.intoArray(c, r + 2 * L); c13.intoArray(c, r + 3 * L);
        r += n;
        c20.intoArray(c, r); c21.intoArray(c, r + L); c22.intoArray(c, r + 2 * L); c23.intoArray(c, r + 3 * L);
        r += n;
        c30.intoArray(c, r); c31.intoArray(c, r + L); c32.intoArray(c, r + 2 * L); c33.intoArray(c, r + 3 * L);
    }

    private static void block4x2(double[] a, int ar, int ac, double[] b, double[] c, int i, int j, int k, int n) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int a0 = i * ar, a1 = a0 + ar, a2 = a1 + ar, a3 = a2 + ar;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
            int o = p * ac;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + o]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + o]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + o]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + o]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        int r = i * n + j;
        c00.intoArray(c, r); c01.intoArray(c, r + L);
        r += n;
        c10.intoArray(c, r); c11.intoArray(c, r + L);
        r += n;
        c20.intoArray(c, r); c21.intoArray(c, r + L);
        r += n;
        c30.intoArray(c, r); c31.intoArray(c, r + L);
    }

    private static void block4x1(double[] a, int ar, int ac, double[] b, double[] c, int i, int j, int k, int n) {
        DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int a0 = i * ar, a1 = a0 + ar, a2 = a1 + ar, a3 = a2 + ar;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            int o = p * ac;
            c0 = DoubleVector.broadcast(S, a[a0 + o]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, a[a1 + o]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, a[a2 + o]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, a[a3 + o]).fma(b0, c3);
        }
        int r = i * n + j;
        c0.intoArray(c, r);
        c1.intoArray(c, r + n);
        c2.intoArray(c, r + 2 * n);
        c3.intoArray(c, r + 3 * n);
    }

    private static void block1x1(double[] a, int ar, int ac, double[] b, double[] c, int i, int j, int k, int n) {
        DoubleVector c0 = DoubleVector.zero(S);
        int a0 = i * ar;
        for (int p = 0, bp = j; p < k; p++, bp += n) {
            c0 = DoubleVector.broadcast(S, a[a0 + p * ac]).fma(DoubleVector.fromArray(S, b, bp), c0);
        }
        c0.intoArray(c, i * n + j);
    }

    void relu(double[] z, double[] h, int len) {
        DoubleVector zero = DoubleVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            DoubleVector v = DoubleVector.fromArray(S, z, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(h, i);
        }
        for (; i < len; i++) h[i] = z[i] > 0 ? z[i] : 0;
    }

    void reluBackward(double[] g, double[] z, double[] out, int len) {
        DoubleVector zero = DoubleVector.zero(S);
        int i = 0;
        for (int end = S.loopBound(len); i < end; i += L) {
            VectorMask<Double> pos = DoubleVector.fromArray(S, z, i).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(S, g, i), pos).intoArray(out, i);
        }
        for (; i < len; i++) out[i] = z[i] > 0 ? g[i] : 0;
    }
}
