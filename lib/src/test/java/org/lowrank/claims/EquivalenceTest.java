package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EquivalenceTest {
    static double[] normal(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = mean + sd * r.nextGaussian();
        return x;
    }

    @Test
    void aGapWellInsideTheMarginIsEquivalentWithHighPower() {
        var r = Equivalence.tost(normal(1, 1000, 1.13, 0.19), normal(2, 1000, 1.17, 0.18), 0.1, 0.01);
        assertTrue(r.equivalent(), r.describe());
        assertTrue(r.power() > 0.99, r.describe());
        assertTrue(r.seInsideMargin() > 4, r.describe());
        assertEquals(0.0083, r.se(), 0.001);
    }

    @Test
    void aGapAtTheMarginIsNotEquivalent() {
        // true gap = margin: the test must not pass (it would about half the time for "observed gap < margin")
        int passed = 0;
        for (int s = 0; s < 20; s++) {
            var r = Equivalence.tost(normal(10 + s, 1000, 1.15, 0.19), normal(50 + s, 1000, 1.10, 0.18), 0.05, 0.01);
            if (r.equivalent()) passed++;
            assertTrue(r.power() < 0.1, r.describe());
        }
        assertEquals(0, passed);
    }

    @Test
    void isSymmetricAndRejectsBadArguments() {
        double[] a = normal(3, 200, 0, 1), b = normal(4, 200, 0.02, 1);
        assertEquals(Equivalence.tost(a, b, 0.3, 0.05).p(), Equivalence.tost(b, a, 0.3, 0.05).p(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Equivalence.tost(a, b, 0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> Equivalence.tost(a, b, 0.1, 0.7));
    }
}
