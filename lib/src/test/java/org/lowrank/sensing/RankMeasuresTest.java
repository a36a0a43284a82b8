package org.lowrank.sensing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.lowrank.random.Init;

class RankMeasuresTest {
    @Test
    void measuresAreConsistentAndDeterministic() {
        double[][] a = RankMeasures.ofRandomProducts(8, 3, Init.NORMAL, 10, 1e-3, 5), b = RankMeasures.ofRandomProducts(8, 3, Init.NORMAL, 10, 1e-3, 5);
        assertEquals(10, a.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0);
            assertTrue(a[i][0] > 0 && a[i][0] <= Math.log(8) + 1e-12, "rho in (0, ln n]");
            assertTrue(a[i][1] >= 1 && a[i][1] <= 8, "stable rank in [1, n]");
            assertTrue(a[i][2] >= 1 && a[i][2] <= 8, "nuclear/spectral in [1, n]");
            assertTrue(a[i][1] <= a[i][2] + 1e-12, "stable rank <= nuclear/spectral");
            assertTrue(a[i][3] >= 1 && a[i][3] <= 8 && a[i][3] == Math.rint(a[i][3]));
        }
        assertThrows(IllegalArgumentException.class, () -> RankMeasures.ofRandomProducts(8, 3, Init.NORMAL, 0, 1e-3, 5));
        assertThrows(IllegalArgumentException.class, () -> RankMeasures.ofRandomProducts(8, 3, Init.NORMAL, 2, 1, 5));
    }

    @Test
    void knownSpectrumGivesKnownMeasures() {
        // W = diag(4, 2, 1, 0.001): p = (4, 2, 1, 0.001)/7.001
        double[] s = {4, 2, 1, 0.001};
        double sum = 7.001, rho = 0;
        for (double x : s) rho -= x / sum * Math.log(x / sum);
        double[] w = new double[16];
        for (int i = 0; i < 4; i++) w[i * 4 + i] = s[3 - i];       // unsorted diagonal: the SVD sorts
        for (double[] m : new double[][] {RankMeasures.ofSpectrum(s, 1e-2), RankMeasures.ofMatrix(w, 4, 4, 1e-2)}) {
            assertEquals(rho, m[0], 1e-12);
            assertEquals((16 + 4 + 1 + 1e-6) / 16, m[1], 1e-12);
            assertEquals(7.001 / 4, m[2], 1e-12);
            assertEquals(3, m[3]);                                   // 0.001 < 1e-2 * 4
        }
        assertEquals(4, RankMeasures.ofMatrix(w, 4, 4, 1e-4)[3]);
        // a rectangular rank-1 matrix: every measure at its minimum
        double[] m = RankMeasures.ofMatrix(new double[] {1, 2, 3, 2, 4, 6}, 2, 3, 1e-6);
        assertArrayEquals(new double[] {0, 1, 1, 1}, m, 1e-9);
        assertArrayEquals(new double[] {0, 0, 0, 0}, RankMeasures.ofSpectrum(new double[] {0, 0}, 1e-3), 0);
        assertThrows(IllegalArgumentException.class, () -> RankMeasures.ofSpectrum(new double[0], 1e-3));
        assertThrows(IllegalArgumentException.class, () -> RankMeasures.ofMatrix(w, 4, 4, 0));
    }
}
