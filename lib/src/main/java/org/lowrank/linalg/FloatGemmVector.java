package org.lowrank.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API back end of {@link FloatGemm}: C is cut into blocks of 4 rows × 4 vectors held in registers over the
 * whole inner dimension (each step broadcasts one entry of Â per row and loads one row slice of B per vector);
 * column panels of 4 vectors are the outer loop, so a panel of B is reused by every block row while it is in cache.
 * Leftover columns (whole vectors) and rows go to narrower blocks. One method per block shape and initial value
 * (C, bias, 0), each straight-line after its loop: with a choice between vectors (a phi) or a method too large to
 * inline the Vector API's calls into, C2 falls back to boxed vectors and the Java implementations (measured: 2× slower).
 * Generated code (one pattern); only loaded with {@code jdk.incubator.vector}.
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
            for (int i = 0; i < mb; i += 4) if (acc) block4x4Acc(a, ar, ac, b, ldb, c, ldc, i, j, k, al); else if (bias != null) block4x4Bias(a, ar, ac, b, ldb, c, ldc, i, j, k, al, bias); else block4x4Zero(a, ar, ac, b, ldb, c, ldc, i, j, k, al);
            for (int i = mb; i < m; i++) if (acc) block1x4Acc(a, ar, ac, b, ldb, c, ldc, i, j, k, al); else if (bias != null) block1x4Bias(a, ar, ac, b, ldb, c, ldc, i, j, k, al, bias); else block1x4Zero(a, ar, ac, b, ldb, c, ldc, i, j, k, al);
        }
        for (int j = nWide; j < n; j += L) {
            for (int i = 0; i < mb; i += 4) if (acc) block4x1Acc(a, ar, ac, b, ldb, c, ldc, i, j, k, al); else if (bias != null) block4x1Bias(a, ar, ac, b, ldb, c, ldc, i, j, k, al, bias); else block4x1Zero(a, ar, ac, b, ldb, c, ldc, i, j, k, al);
            for (int i = mb; i < m; i++) if (acc) block1x1Acc(a, ar, ac, b, ldb, c, ldc, i, j, k, al); else if (bias != null) block1x1Bias(a, ar, ac, b, ldb, c, ldc, i, j, k, al, bias); else block1x1Zero(a, ar, ac, b, ldb, c, ldc, i, j, k, al);
        }
    }

    private static void block4x4Acc(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int a0 = (i + 0) * ar, a1 = (i + 1) * ar, a2 = (i + 2) * ar, a3 = (i + 3) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
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
        c00.fma(alpha, FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.fma(alpha, FloatVector.fromArray(S, c, r0 + 1 * L)).intoArray(c, r0 + 1 * L);
        c02.fma(alpha, FloatVector.fromArray(S, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
        c03.fma(alpha, FloatVector.fromArray(S, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
        int r1 = (i + 1) * ldc + j;
        c10.fma(alpha, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        c11.fma(alpha, FloatVector.fromArray(S, c, r1 + 1 * L)).intoArray(c, r1 + 1 * L);
        c12.fma(alpha, FloatVector.fromArray(S, c, r1 + 2 * L)).intoArray(c, r1 + 2 * L);
        c13.fma(alpha, FloatVector.fromArray(S, c, r1 + 3 * L)).intoArray(c, r1 + 3 * L);
        int r2 = (i + 2) * ldc + j;
        c20.fma(alpha, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        c21.fma(alpha, FloatVector.fromArray(S, c, r2 + 1 * L)).intoArray(c, r2 + 1 * L);
        c22.fma(alpha, FloatVector.fromArray(S, c, r2 + 2 * L)).intoArray(c, r2 + 2 * L);
        c23.fma(alpha, FloatVector.fromArray(S, c, r2 + 3 * L)).intoArray(c, r2 + 3 * L);
        int r3 = (i + 3) * ldc + j;
        c30.fma(alpha, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
        c31.fma(alpha, FloatVector.fromArray(S, c, r3 + 1 * L)).intoArray(c, r3 + 1 * L);
        c32.fma(alpha, FloatVector.fromArray(S, c, r3 + 2 * L)).intoArray(c, r3 + 2 * L);
        c33.fma(alpha, FloatVector.fromArray(S, c, r3 + 3 * L)).intoArray(c, r3 + 3 * L);
    }

    private static void block4x4Bias(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha, float[] bias) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int a0 = (i + 0) * ar, a1 = (i + 1) * ar, a2 = (i + 2) * ar, a3 = (i + 3) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
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
        c00.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r0);
        c01.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r0 + 1 * L);
        c02.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r0 + 2 * L);
        c03.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r0 + 3 * L);
        int r1 = (i + 1) * ldc + j;
        c10.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r1);
        c11.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r1 + 1 * L);
        c12.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r1 + 2 * L);
        c13.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r1 + 3 * L);
        int r2 = (i + 2) * ldc + j;
        c20.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r2);
        c21.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r2 + 1 * L);
        c22.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r2 + 2 * L);
        c23.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r2 + 3 * L);
        int r3 = (i + 3) * ldc + j;
        c30.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r3);
        c31.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r3 + 1 * L);
        c32.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r3 + 2 * L);
        c33.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r3 + 3 * L);
    }

    private static void block4x4Zero(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int a0 = (i + 0) * ar, a1 = (i + 1) * ar, a2 = (i + 2) * ar, a3 = (i + 3) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
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
        c00.mul(alpha).intoArray(c, r0);
        c01.mul(alpha).intoArray(c, r0 + 1 * L);
        c02.mul(alpha).intoArray(c, r0 + 2 * L);
        c03.mul(alpha).intoArray(c, r0 + 3 * L);
        int r1 = (i + 1) * ldc + j;
        c10.mul(alpha).intoArray(c, r1);
        c11.mul(alpha).intoArray(c, r1 + 1 * L);
        c12.mul(alpha).intoArray(c, r1 + 2 * L);
        c13.mul(alpha).intoArray(c, r1 + 3 * L);
        int r2 = (i + 2) * ldc + j;
        c20.mul(alpha).intoArray(c, r2);
        c21.mul(alpha).intoArray(c, r2 + 1 * L);
        c22.mul(alpha).intoArray(c, r2 + 2 * L);
        c23.mul(alpha).intoArray(c, r2 + 3 * L);
        int r3 = (i + 3) * ldc + j;
        c30.mul(alpha).intoArray(c, r3);
        c31.mul(alpha).intoArray(c, r3 + 1 * L);
        c32.mul(alpha).intoArray(c, r3 + 2 * L);
        c33.mul(alpha).intoArray(c, r3 + 3 * L);
    }

    private static void block1x4Acc(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
        }
        int r0 = (i + 0) * ldc + j;
        c00.fma(alpha, FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        c01.fma(alpha, FloatVector.fromArray(S, c, r0 + 1 * L)).intoArray(c, r0 + 1 * L);
        c02.fma(alpha, FloatVector.fromArray(S, c, r0 + 2 * L)).intoArray(c, r0 + 2 * L);
        c03.fma(alpha, FloatVector.fromArray(S, c, r0 + 3 * L)).intoArray(c, r0 + 3 * L);
    }

    private static void block1x4Bias(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha, float[] bias) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
        }
        int r0 = (i + 0) * ldc + j;
        c00.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r0);
        c01.fma(alpha, FloatVector.fromArray(S, bias, j + 1 * L)).intoArray(c, r0 + 1 * L);
        c02.fma(alpha, FloatVector.fromArray(S, bias, j + 2 * L)).intoArray(c, r0 + 2 * L);
        c03.fma(alpha, FloatVector.fromArray(S, bias, j + 3 * L)).intoArray(c, r0 + 3 * L);
    }

    private static void block1x4Zero(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
        }
        int r0 = (i + 0) * ldc + j;
        c00.mul(alpha).intoArray(c, r0);
        c01.mul(alpha).intoArray(c, r0 + 1 * L);
        c02.mul(alpha).intoArray(c, r0 + 2 * L);
        c03.mul(alpha).intoArray(c, r0 + 3 * L);
    }

    private static void block4x1Acc(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
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
        c00.fma(alpha, FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
        int r1 = (i + 1) * ldc + j;
        c10.fma(alpha, FloatVector.fromArray(S, c, r1)).intoArray(c, r1);
        int r2 = (i + 2) * ldc + j;
        c20.fma(alpha, FloatVector.fromArray(S, c, r2)).intoArray(c, r2);
        int r3 = (i + 3) * ldc + j;
        c30.fma(alpha, FloatVector.fromArray(S, c, r3)).intoArray(c, r3);
    }

    private static void block4x1Bias(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha, float[] bias) {
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
        c00.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r0);
        int r1 = (i + 1) * ldc + j;
        c10.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r1);
        int r2 = (i + 2) * ldc + j;
        c20.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r2);
        int r3 = (i + 3) * ldc + j;
        c30.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r3);
    }

    private static void block4x1Zero(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
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
        c00.mul(alpha).intoArray(c, r0);
        int r1 = (i + 1) * ldc + j;
        c10.mul(alpha).intoArray(c, r1);
        int r2 = (i + 2) * ldc + j;
        c20.mul(alpha).intoArray(c, r2);
        int r3 = (i + 3) * ldc + j;
        c30.mul(alpha).intoArray(c, r3);
    }

    private static void block1x1Acc(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
        FloatVector c00 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00);
        }
        int r0 = (i + 0) * ldc + j;
        c00.fma(alpha, FloatVector.fromArray(S, c, r0)).intoArray(c, r0);
    }

    private static void block1x1Bias(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha, float[] bias) {
        FloatVector c00 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00);
        }
        int r0 = (i + 0) * ldc + j;
        c00.fma(alpha, FloatVector.fromArray(S, bias, j)).intoArray(c, r0);
    }

    private static void block1x1Zero(float[] a, int ar, int ac, float[] b, int ldb, float[] c, int ldc, int i, int j, int k,
            FloatVector alpha) {
        FloatVector c00 = FloatVector.zero(S);
        int a0 = (i + 0) * ar;
        for (int p = 0, bp = j, o = 0; p < k; p++, bp += ldb, o += ac) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + 0 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + o]);
            c00 = x0.fma(b0, c00);
        }
        int r0 = (i + 0) * ldc + j;
        c00.mul(alpha).intoArray(c, r0);
    }
}
