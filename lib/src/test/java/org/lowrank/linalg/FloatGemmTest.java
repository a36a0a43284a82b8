package org.lowrank.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@link FloatGemm} against a double-precision reference, over shapes that reach every block kernel and edge. */
class FloatGemmTest {

    @Test
    void matchesDoubleReference() {
        assertTrue(FloatGemm.available(), "tests run with --add-modules jdk.incubator.vector");
        int lanes = FloatGemm.lanes();
        Random rnd = new Random(5);
        for (int m : new int[]{1, 3, 4, 7, 37})
            for (int k : new int[]{1, 6, 70})
                for (int nv : new int[]{1, 3, 4, 5, 9}) // columns in whole vectors: narrow, wide and mixed blocks
                    for (int mode = 0; mode < 3; mode++)
                        for (boolean ta : new boolean[]{false, true}) {
                            int n = nv * lanes, ldb = n + lanes, ldc = n + 2 * lanes, lda = ta ? m + 3 : k + 2;
                            float[] a = rand(rnd, (ta ? k : m) * lda), b = rand(rnd, k * ldb), c = rand(rnd, m * ldc), bias = rand(rnd, n);
                            float[] c0 = c.clone();
                            float alpha = 0.75f;
                            FloatGemm.mul(a, ta ? 1 : lda, ta ? lda : 1, b, ldb, c, ldc, m, k, n, alpha, mode == 1, mode == 2 ? bias : null);
                            for (int i = 0; i < m; i++)
                                for (int j = 0; j < ldc; j++) {
                                    if (j >= n) {
                                        assertEquals(c0[i * ldc + j], c[i * ldc + j], "column beyond n untouched");
                                        continue;
                                    }
                                    double s = 0, mag = 0;
                                    for (int p = 0; p < k; p++) {
                                        double t = (double) a[ta ? p * lda + i : i * lda + p] * b[p * ldb + j];
                                        s += t;
                                        mag += Math.abs(t);
                                    }
                                    double init = mode == 1 ? c0[i * ldc + j] : mode == 2 ? bias[j] : 0;
                                    double want = alpha * s + init;
                                    assertEquals(want, c[i * ldc + j], 1e-6 * (alpha * mag + Math.abs(init) + 1),
                                            "m=" + m + " k=" + k + " n=" + n + " mode=" + mode + " ta=" + ta + " at " + i + "," + j);
                                }
                        }
    }

    @Test
    void reluAndItsMaskMatchTheScalarRule() {
        float[] h = {-1f, 0f, -0f, 2f, Float.NaN, 3f, -5f, 1e-30f, -1e-30f, 7f, 0.5f, -0.5f, 4f, 1f, -2f, 6f, 9f, -9f, 0f, 1f};
        float[] g = new float[h.length];
        for (int i = 0; i < g.length; i++) g[i] = i + 1;
        float[] r = h.clone(), m = g.clone();
        FloatGemm.relu(r, r.length);
        FloatGemm.reluMask(m, h, m.length);
        for (int i = 0; i < h.length; i++) {
            assertEquals(Math.max(h[i], 0f), r[i], "relu at " + i);
            assertEquals(h[i] > 0f ? g[i] : 0f, m[i], "mask at " + i);
        }
    }

    @Test
    void rejectsBadArguments() {
        int l = FloatGemm.lanes();
        float[] a = new float[4], b = new float[4 * l], c = new float[4 * l];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatGemm.mul(a, 1, 1, b, l, c, l, 1, 1, l - 1, 1f, false, null));
        assertTrue(e.getMessage().contains("multiple of " + l), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.mul(a, 1, 1, b, l, c, l, 5, 1, l, 1f, false, null));
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.mul(a, 1, 1, b, l, c, l, 1, 5, l, 1f, false, null));
    }

    private static float[] rand(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
