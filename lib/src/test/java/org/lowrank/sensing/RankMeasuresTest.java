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
}
