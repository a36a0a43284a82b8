package org.lowrank.linalg;

import java.util.Random;

/** Prints the GEMM back end and the bits of a fixed product (run by {@link GemmTest} in a JVM without the module). */
public final class GemmBackendMain {
    private GemmBackendMain() {}

    static long productBits() {
        Random r = new Random(11);
        int m = 37, k = 29, n = 45;
        double[] a = GemmTest.gaussian(r, m * k), b = GemmTest.gaussian(r, k * n), c = new double[m * n];
        Gemm.mul(a, b, c, m, k, n);
        double[] d = new double[k * n];
        Gemm.mulAtB(a, c, d, m, k, n);
        long h = 17;
        for (double v : c) h = 31 * h + Double.doubleToRawLongBits(v);
        for (double v : d) h = 31 * h + Double.doubleToRawLongBits(v);
        return h;
    }

    public static void main(String[] args) {
        System.out.println(Gemm.backend() + " " + productBits());
    }
}
