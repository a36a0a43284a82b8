package org.lowrank.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API back end of {@link FloatGemm}: C is cut into blocks of 4 rows × 4 vectors held in registers over the
 * whole inner dimension (each step broadcasts one entry of Â per row and loads one row slice of B per vector);
 * column panels of 4 vectors are the outer loop, so a panel of B is reused by every block row while it is in cache.
 * Leftover columns (whole vectors) and rows go to narrower blocks. Only loaded with {@code jdk.incubator.vector}.
 */
final class FloatGemmVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    int lanes() {
        return L;
    }

    void relu(float[] h, int n) {
        int i = 0;
        for (; i <= n - L; i += L) FloatVector.fromArray(S, h, i).max(0f).intoArray(h, i);
        for (; i < n; i++) h[i] = Math.max(h[i], 0f);
    }

    void reluMask(float[] g, float[] h, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L)
            zero.blend(FloatVector.fromArray(S, g, i), FloatVector.fromArray(S, h, i).compare(VectorOperators.GT, 0f)).intoArray(g, i);
        for (; i < n; i++) g[i] = h[i] > 0f ? g[i] : 0f;
    }

    void mul(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int m, int k, int n, float alpha,
             boolean acc, float[] bias) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int mb = m - m % 4, nWide = n - n % (4 * L);
        for (int j = 0; j < nWide; j += 4 * L) {
            for (int i = 0; i < mb; i += 4) block4x4(a, ar, ac, b, ldb, c, ldc, i, j, k, al, acc, bias);
            for (int i = mb; i < m; i++) block1x4(a, ar, ac, b, ldb, c, ldc, i, j, k, al, acc, bias);
        }
        for (int j = nWide; j < n; j += L) {
            for (int i = 0; i < mb; i += 4) block4x1(a, ar, ac, b, ldb, c, ldc, i, j, k, al, acc, bias);
            for (int i = mb; i < m; i++) block1x1(a, ar, ac, b, ldb, c, ldc, i, j, k, al, acc, bias);
        }
    }

    private static void block4x4(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
                                FloatVector alpha, boolean acc, float[] bias) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int a0 = (i + 0) * ar, a1 = (i + 1) * ar, a2 = (i + 2) * ar, a3 = (i + 3) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L); FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L); FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L); FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + o]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12); c13 = x1.fma(b3, c13);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + o]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22); c23 = x2.fma(b3, c23);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + o]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32); c33 = x3.fma(b3, c33);
        }
        int r0 = (i + 0) * ldc + j;
        int r1 = (i + 1) * ldc + j;
        int r2 = (i + 2) * ldc + j;
        int r3 = (i + 3) * ldc + j;
        if (acc) { // separate straight-line paths: C2 keeps vectors unboxed only without phis between them
            c00.fma(alpha, FloatVector.fromArray(S, c, r0 + 0 * L)).intoArray(c, r0 + 0 * L);
            c01.fma(alpha, FloatVector.fromArray(S, c, r0 + 1 * L)).intoArray(c, r0 + 1 * L);
            c02.fma(alpha, FloatVector.fromArray(S, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
            c03.fma(alpha, FloatVector.fromArray(S, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
            c10.fma(alpha, FloatVector.fromArray(S, c, r1 + 0 * L)).intoArray(c, r1 + 0 * L);
            c11.fma(alpha, FloatVector.fromArray(S, c, r1 + 1 * L)).intoArray(c, r1 + 1 * L);
            c12.fma(alpha, FloatVector.fromArray(S, c, r1 + 2 * L)).intoArray(c, r1 + 2 * L);
            c13.fma(alpha, FloatVector.fromArray(S, c, r1 + 3 * L)).intoArray(c, r1 + 3 * L);
            c20.fma(alpha, FloatVector.fromArray(S, c, r2 + 0 * L)).intoArray(c, r2 + 0 * L);
            c21.fma(alpha, FloatVector.fromArray(S, c, r2 + 1 * L)).intoArray(c, r2 + 1 * L);
            c22.fma(alpha, FloatVector.fromArray(S, c, r2 + 2 * L)).intoArray(c, r2 + 2 * L);
            c23.fma(alpha, FloatVector.fromArray(S, c, r2 + 3 * L)).intoArray(c, r2 + 3 * L);
            c30.fma(alpha, FloatVector.fromArray(S, c, r3 + 0 * L)).intoArray(c, r3 + 0 * L);
            c31.fma(alpha, FloatVector.fromArray(S, c, r3 + 1 * L)).intoArray(c, r3 + 1 * L);
            c32.fma(alpha, FloatVector.fromArray(S, c, r3 + 2 * L)).intoArray(c, r3 + 2 * L);
            c33.fma(alpha, FloatVector.fromArray(S, c, r3 + 3 * L)).intoArray(c, r3 + 3 * L);
        } else if (bias != null) {
            c00.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r0 + 0 * L);
            c01.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r0 + 1 * L);
            c02.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r0 + 2 * L);
            c03.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r0 + 3 * L);
            c10.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r1 + 0 * L);
            c11.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r1 + 1 * L);
            c12.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r1 + 2 * L);
            c13.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r1 + 3 * L);
            c20.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r2 + 0 * L);
            c21.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r2 + 1 * L);
            c22.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r2 + 2 * L);
            c23.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r2 + 3 * L);
            c30.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r3 + 0 * L);
            c31.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r3 + 1 * L);
            c32.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r3 + 2 * L);
            c33.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r3 + 3 * L);
        } else {
            c00.mul(alpha).intoArray(c, r0 + 0 * L);
            c01.mul(alpha).intoArray(c, r0 + 1 * L);
            c02.mul(alpha).intoArray(c, r0 + 2 * L);
            c03.mul(alpha).intoArray(c, r0 + 3 * L);
            c10.mul(alpha).intoArray(c, r1 + 0 * L);
            c11.mul(alpha).intoArray(c, r1 + 1 * L);
            c12.mul(alpha).intoArray(c, r1 + 2 * L);
            c13.mul(alpha).intoArray(c, r1 + 3 * L);
            c20.mul(alpha).intoArray(c, r2 + 0 * L);
            c21.mul(alpha).intoArray(c, r2 + 1 * L);
            c22.mul(alpha).intoArray(c, r2 + 2 * L);
            c23.mul(alpha).intoArray(c, r2 + 3 * L);
            c30.mul(alpha).intoArray(c, r3 + 0 * L);
            c31.mul(alpha).intoArray(c, r3 + 1 * L);
            c32.mul(alpha).intoArray(c, r3 + 2 * L);
            c33.mul(alpha).intoArray(c, r3 + 3 * L);
        }
    }

    private static void block1x4(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
                                FloatVector alpha, boolean acc, float[] bias) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L); FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L); FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L); FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
        }
        int r0 = (i + 0) * ldc + j;
        if (acc) { // separate straight-line paths: C2 keeps vectors unboxed only without phis between them
            c00.fma(alpha, FloatVector.fromArray(S, c, r0 + 0 * L)).intoArray(c, r0 + 0 * L);
            c01.fma(alpha, FloatVector.fromArray(S, c, r0 + 1 * L)).intoArray(c, r0 + 1 * L);
            c02.fma(alpha, FloatVector.fromArray(S, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
            c03.fma(alpha, FloatVector.fromArray(S, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
        } else if (bias != null) {
            c00.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r0 + 0 * L);
            c01.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r0 + 1 * L);
            c02.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r0 + 2 * L);
            c03.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r0 + 3 * L);
        } else {
            c00.mul(alpha).intoArray(c, r0 + 0 * L);
            c01.mul(alpha).intoArray(c, r0 + 1 * L);
            c02.mul(alpha).intoArray(c, r0 + 2 * L);
            c03.mul(alpha).intoArray(c, r0 + 3 * L);
        }
    }

    private static void block4x1(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
                                FloatVector alpha, boolean acc, float[] bias) {
        FloatVector c00 = FloatVector.zero(S), c10 = FloatVector.zero(S), c20 = FloatVector.zero(S), c30 = FloatVector.zero(S);
        int a0 = (i + 0) * ar, a1 = (i + 1) * ar, a2 = (i + 2) * ar, a3 = (i + 3) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + o]);
            c10 = x1.fma(b0, c10);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + o]);
            c20 = x2.fma(b0, c20);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + o]);
            c30 = x3.fma(b0, c30);
        }
        int r0 = (i + 0) * ldc + j;
        int r1 = (i + 1) * ldc + j;
        int r2 = (i + 2) * ldc + j;
        int r3 = (i + 3) * ldc + j;
        if (acc) { // separate straight-line paths: C2 keeps vectors unboxed only without phis between them
            c00.fma(alpha, FloatVector.fromArray(S, c, r0 + 0 * L)).intoArray(c, r0 + 0 * L);
            c10.fma(alpha, FloatVector.fromArray(S, c, r1 + 0 * L)).intoArray(c, r1 + 0 * L);
            c20.fma(alpha, FloatVector.fromArray(S, c, r2 + 0 * L)).intoArray(c, r2 + 0 * L);
            c30.fma(alpha, FloatVector.fromArray(S, c, r3 + 0 * L)).intoArray(c, r3 + 0 * L);
        } else if (bias != null) {
            c00.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r0 + 0 * L);
            c10.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r1 + 0 * L);
            c20.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r2 + 0 * L);
            c30.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r3 + 0 * L);
        } else {
            c00.mul(alpha).intoArray(c, r0 + 0 * L);
            c10.mul(alpha).intoArray(c, r1 + 0 * L);
            c20.mul(alpha).intoArray(c, r2 + 0 * L);
            c30.mul(alpha).intoArray(c, r3 + 0 * L);
        }
    }

    private static void block1x1(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
                                FloatVector alpha, boolean acc, float[] bias) {
        FloatVector c00 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00);
        }
        int r0 = (i + 0) * ldc + j;
        if (acc) { // separate straight-line paths: C2 keeps vectors unboxed only without phis between them
            c00.fma(alpha, FloatVector.fromArray(S, c, r0 + 0 * L)).intoArray(c, r0 + 0 * L);
        } else if (bias != null) {
            c00.fma(alpha, FloatVector.fromArray(S, bias, j + 0 * L)).intoArray(c, r0 + 0 * L);
        } else {
            c00.mul(alpha).intoArray(c, r0 + 0 * L);
        }
    }
}
