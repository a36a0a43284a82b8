package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

class RandomMatricesTest {
    private static final int[] DEPTHS = {1, 2, 4, 8, 16};

    @Test
    void multiplyMatchesHandComputed() {
        double[] a = {1, 2, 3, 4, 5, 6}; // 2x3
        double[] b = {7, 8, 9, 10, 11, 12}; // 3x2
        assertArrayEquals(new double[] {58, 64, 139, 154}, RandomMatrices.multiply(a, b, 2, 3, 2), 0);
        assertThrows(IllegalArgumentException.class, () -> RandomMatrices.multiply(a, b, 2, 2, 2));
    }

    @Test
    void productIsTheOrderedProductOfTheDrawnMatrices() {
        ProductConfig c = ProductConfig.of(3, 3, Init.UNIFORM);
        double[] p = RandomMatrices.product(c, new SplittableRandom(9));
        SplittableRandom r = new SplittableRandom(9);
        double[] w1 = RandomMatrices.random(3, 3, Init.UNIFORM, 1, r);
        double[] w2 = RandomMatrices.random(3, 3, Init.UNIFORM, 1, r);
        double[] w3 = RandomMatrices.random(3, 3, Init.UNIFORM, 1, r);
        double[] expected = RandomMatrices.multiply(w3, RandomMatrices.multiply(w2, w1, 3, 3, 3), 3, 3, 3);
        assertArrayEquals(expected, p, 1e-14);
        for (double v : w1) assertTrue(v > -1 && v < 1);
    }

    /** docs/reproduction-notes.md §6: products of d i.i.d. 16×16 matrices, 1000 draws, mean within ±0.03 (normal) of the calibration. */
    @Test
    void calibrationProductsOf16x16() {
        double[] normal = {2.543, 2.349, 2.041, 1.627, 1.127};
        double[] normalStd = {0.026, 0.036, 0.061, 0.116, 0.189};
        double[] uniform = {2.550, 2.365, 2.070, 1.660, 1.171};
        double[] issue = {2.54, 2.35, 2.04, 1.63, 1.13};
        for (int i = 0; i < DEPTHS.length; i++) {
            RankDistribution n = RandomMatrices.productRanks(ProductConfig.of(16, DEPTHS[i], Init.NORMAL), 1000, 100 + i);
            RankDistribution u = RandomMatrices.productRanks(ProductConfig.of(16, DEPTHS[i], Init.UNIFORM), 1000, 200 + i);
            assertEquals(issue[i], n.mean(), 0.03, "normal d=" + DEPTHS[i]);
            assertEquals(normal[i], n.mean(), 0.03, "normal d=" + DEPTHS[i]);
            assertEquals(uniform[i], u.mean(), 0.03, "uniform d=" + DEPTHS[i]);
            assertEquals(normalStd[i], n.std(), 0.25 * normalStd[i], "normal std d=" + DEPTHS[i]);
        }
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreads() throws Exception {
        ProductConfig c = ProductConfig.of(16, 4, Init.NORMAL);
        double[] parallel = RandomMatrices.productRanks(c, 200, 42).samples();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            double[] single = one.submit(() -> RandomMatrices.productRanks(c, 200, 42).samples()).get();
            assertArrayEquals(parallel, single, 0.0);
        } finally {
            one.shutdown();
        }
        // draw i equals a direct computation from the i-th derived seed
        long[] seeds = Draws.seeds(42, 200);
        assertEquals(RandomMatrices.productEffectiveRank(c, new SplittableRandom(seeds[17])), parallel[17], 0.0);
        assertNotEquals(parallel[0], RandomMatrices.productRanks(c, 200, 43).samples()[0]);
    }

    @Test
    void configsRejectBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductConfig.of(0, 1, Init.NORMAL));
        assertTrue(e.getMessage().contains("n") && e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> ProductConfig.of(4, 0, Init.NORMAL));
        assertThrows(IllegalArgumentException.class, () -> ProductConfig.of(4, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new ProductConfig(4, 1, Init.NORMAL, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Draws.seeds(1, 0));
    }
}
