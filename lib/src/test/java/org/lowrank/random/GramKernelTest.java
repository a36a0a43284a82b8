package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lowrank.rank.RankMetrics;

class GramKernelTest {
    @Test
    void plainAndCosineKernelsAreTheExistingOnes() {
        RandomNetConfig c = RandomNetConfig.paperDefault(3, Nonlinearity.RELU, Init.NORMAL);
        RandomNetConfig cos = new RandomNetConfig(16, 64, 16, 3, Nonlinearity.RELU, Init.NORMAL, 64, true, false);
        assertEquals(RandomNetworks.gramEffectiveRank(c, new SplittableRandom(3)),
                RandomNetworks.gramEffectiveRank(c, GramKernel.PLAIN, new SplittableRandom(3)));
        assertEquals(RandomNetworks.gramEffectiveRank(cos, new SplittableRandom(3)),
                RandomNetworks.gramEffectiveRank(c, GramKernel.COSINE, new SplittableRandom(3)));
    }

    @Test
    void centringRemovesACommonOffset() {
        // rows = a shared offset plus small distinct parts: the plain kernel is nearly rank one, the centred one is not
        int rows = 6, cols = 4;
        double[] phi = new double[rows * cols];
        SplittableRandom r = new SplittableRandom(1);
        double[] centred = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                double part = 0.01 * r.nextGaussian();
                phi[i * cols + j] = 5.0 + part;
                centred[i * cols + j] = part;
            }
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) mean += centred[i * cols + j];
            for (int i = 0; i < rows; i++) centred[i * cols + j] -= mean / rows;
        }
        double[] before = phi.clone();
        assertTrue(RandomNetworks.kernelEffectiveRank(phi, rows, cols, GramKernel.PLAIN) < 0.01);
        assertEquals(RankMetrics.gramEffectiveRankRowMajor(centred, rows, cols, false),
                RandomNetworks.kernelEffectiveRank(phi, rows, cols, GramKernel.CENTRED), 1e-9);
        assertEquals(RankMetrics.gramEffectiveRankRowMajor(centred, rows, cols, true),
                RandomNetworks.kernelEffectiveRank(phi, rows, cols, GramKernel.CENTRED_COSINE), 1e-9);
        assertArrayEquals(before, phi, "the embedding is not modified");
        assertEquals(1.0, RandomNetworks.meanPairwiseCosine(phi, rows, cols), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.kernelEffectiveRank(phi, rows, cols, null));
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.meanPairwiseCosine(phi, 1, cols));
    }
}
