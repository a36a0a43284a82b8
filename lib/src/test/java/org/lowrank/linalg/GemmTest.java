package org.lowrank.linalg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {
    static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 64, 65};

    static double[] gaussian(Random r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) a[i] = r.nextGaussian();
        return a;
    }

    /** Textbook triple loop in plain double arithmetic. */
    static double[] naive(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
            c[i * n + j] = s;
        }
        return c;
    }

    @Test
    void surefireRunsTheVectorBackEnd() {
        // the pom passes --add-modules jdk.incubator.vector; without it this suite would only test the fallback
        assertTrue(Gemm.hasVector(), "backend " + Gemm.backend());
    }

    @Test
    void aJvmWithoutTheIncubatorModuleFallsBackToScalarCodeWithTheSameBits() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"), GemmBackendMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertEquals("scalar " + GemmBackendMain.productBits(), out.substring(out.lastIndexOf('\n') + 1));
    }

    @Test
    void the256BitKernelComputesTheSameBits() throws Exception {
        // -XX:MaxVectorSize=32 makes the preferred species 4 doubles wide: the 4×2 block kernel of AVX2 machines
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-XX:MaxVectorSize=32",
                "-cp", System.getProperty("java.class.path"), GemmBackendMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        String last = out.substring(out.lastIndexOf('\n') + 1);
        assertTrue(last.startsWith("vector(") && !last.startsWith("vector(8"), last);
        assertEquals(" " + GemmBackendMain.productBits(), last.substring(last.lastIndexOf(' ')));
    }

    @Test
    void productsMatchTheTextbookLoopOnEveryShape() {
        Random r = new Random(3);
        for (int m : SIZES) for (int k : new int[] {1, 3, 8, 32, 33}) for (int n : SIZES) {
            double[] a = gaussian(r, m * k), b = gaussian(r, k * n), c = new double[m * n];
            Gemm.mul(a, b, c, m, k, n);
            double[] want = naive(a, b, m, k, n);
            for (int i = 0; i < c.length; i++) assertEquals(want[i], c[i], 1e-12 * (1 + Math.abs(want[i])), m + "x" + k + "x" + n + " at " + i);
        }
    }

    @Test
    void vectorAndScalarBackEndsAgreeBitForBit() {
        Random r = new Random(4);
        for (int m : SIZES) for (int n : SIZES) {
            int k = 1 + r.nextInt(40);
            double[] a = gaussian(r, m * k), b = gaussian(r, k * n), c = new double[m * n], s = new double[m * n];
            Gemm.run(a, k, 1, b, c, m, k, n);
            Gemm.runScalar(a, k, 1, b, s, m, k, n);
            assertArrayEquals(s, c, 0.0, m + "x" + k + "x" + n);
            // transposed A
            double[] at = Gemm.transpose(a, m, k);
            Gemm.run(at, 1, m, b, c, m, k, n);
            assertArrayEquals(s, c, 0.0, "At " + m + "x" + k + "x" + n);
        }
    }

    @Test
    void transposedVariantsAgreeWithMul() {
        Random r = new Random(5);
        int m = 13, k = 9, n = 21;
        double[] a = gaussian(r, m * k), b = gaussian(r, k * n), c = new double[m * n], d = new double[m * n];
        Gemm.mul(a, b, c, m, k, n);
        Gemm.mulAtB(Gemm.transpose(a, m, k), b, d, k, m, n);
        assertArrayEquals(c, d, 0.0);
        Gemm.mulABt(a, Gemm.transpose(b, k, n), d, m, k, n);
        assertArrayEquals(c, d, 0.0);
        assertArrayEquals(c, Gemm.multiply(a, b, m, k, n), 0.0);
    }

    @Test
    void outputIsOverwrittenNotAccumulated() {
        double[] c = {5, 5, 5, 5};
        Gemm.mul(new double[] {1, 0, 0, 1}, new double[] {1, 2, 3, 4}, c, 2, 2, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, c, 0.0);
    }

    @Test
    void reluAndItsMaskAreExactOnEveryLength() {
        Random r = new Random(6);
        for (int len : SIZES) {
            double[] z = gaussian(r, len), g = gaussian(r, len), h = new double[len], out = new double[len];
            z[0] = Double.NaN;
            Gemm.relu(z, h, len);
            Gemm.reluBackward(g, z, out, len);
            for (int i = 0; i < len; i++) {
                assertEquals(z[i] > 0 ? z[i] : 0, h[i], 0.0);
                assertEquals(z[i] > 0 ? g[i] : 0, out[i], 0.0);
            }
        }
    }

    @Test
    void badShapesNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.mul(new double[5], new double[6], new double[6], 2, 3, 2));
        assertTrue(e.getMessage().startsWith("a must hold at least 2x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.mul(new double[6], new double[6], new double[3], 2, 3, 2));
        assertTrue(e.getMessage().startsWith("c must"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.dot(new double[2], new double[3]));
        assertTrue(e.getMessage().startsWith("b must"), e.getMessage());
    }
}
