package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.lowrank.rank.RankMetrics;

class RandomNetworksTest {
    @Test
    void activationValues() {
        assertEquals(0.0, Nonlinearity.RELU.apply(-2));
        assertEquals(3.0, Nonlinearity.RELU.apply(3));
        assertEquals(-0.02, Nonlinearity.LEAKY_RELU.apply(-2), 1e-15);
        assertEquals(Math.tanh(0.7), Nonlinearity.TANH.apply(0.7), 0);
        // SELU(1) = scale, SELU(-1) = scale·alpha·(e^-1 − 1), PyTorch values
        assertEquals(1.0507009873554805, Nonlinearity.SELU.apply(1), 1e-15);
        assertEquals(-1.1113307378125625, Nonlinearity.SELU.apply(-1), 1e-12);
        // GELU(1) exact = 0.8413447; tanh approximation 0.8411920
        assertEquals(0.8411919906082768, Nonlinearity.GELU.apply(1), 1e-12);
        assertEquals(Math.sin(30 * 0.1), Nonlinearity.SIREN.apply(0.1), 1e-15);
        assertEquals(-5.0, Nonlinearity.LINEAR.apply(-5));
    }

    @Test
    void depthOneLinearNetIsXW() {
        RandomNetConfig c = new RandomNetConfig(3, 5, 2, 1, Nonlinearity.RELU, Init.NORMAL, 4, false, false);
        double[] phi = RandomNetworks.embedding(c, new SplittableRandom(1));
        SplittableRandom r = new SplittableRandom(1);
        double[] x = RandomMatrices.random(4, 3, Init.NORMAL, 1, r);
        double[] w = RandomMatrices.random(3, 2, Init.NORMAL, 1, r);
        // no activation after the last layer
        assertArrayEquals(RandomMatrices.multiply(x, w, 4, 3, 2), phi, 1e-14);
    }

    @Test
    void reluNetAppliesReluBetweenLayers() {
        RandomNetConfig c = new RandomNetConfig(3, 5, 2, 2, Nonlinearity.RELU, Init.UNIFORM, 4, false, true);
        double[] phi = RandomNetworks.embedding(c, new SplittableRandom(2));
        SplittableRandom r = new SplittableRandom(2);
        double[] x = RandomMatrices.random(4, 3, Init.NORMAL, 1, r);
        double[] w1 = RandomMatrices.random(3, 5, Init.UNIFORM, 1 / Math.sqrt(3), r);
        double[] w2 = RandomMatrices.random(5, 2, Init.UNIFORM, 1 / Math.sqrt(5), r);
        double[] h = RandomMatrices.multiply(x, w1, 4, 3, 5);
        for (int i = 0; i < h.length; i++) h[i] = Math.max(0, h[i]);
        assertArrayEquals(RandomMatrices.multiply(h, w2, 4, 5, 2), phi, 1e-14);
        assertEquals(RankMetrics.gramEffectiveRankRowMajor(phi, 4, 2, false),
                RandomNetworks.gramEffectiveRank(c, new SplittableRandom(2)), 0);
    }

    @Test
    void layerSizesFollowTheDefault() {
        assertArrayEquals(new int[] {16, 16}, RandomNetConfig.paperDefault(1, Nonlinearity.LINEAR, Init.NORMAL).layerSizes());
        assertArrayEquals(new int[] {16, 64, 64, 16}, RandomNetConfig.paperDefault(3, Nonlinearity.LINEAR, Init.NORMAL).layerSizes());
    }

    /** ρ(K) of the default linear net (16→64→…→64→16, N = 64) falls with depth and stays ≤ ln 16. */
    @Test
    void linearAndReluGramRanksFallWithDepth() {
        for (Nonlinearity a : new Nonlinearity[] {Nonlinearity.LINEAR, Nonlinearity.RELU}) {
            double prev = Double.POSITIVE_INFINITY;
            for (int d : new int[] {1, 4, 16}) {
                RankDistribution r = RandomNetworks.gramRanks(RandomNetConfig.paperDefault(d, a, Init.NORMAL), 150, d);
                assertTrue(r.mean() < prev - 0.05, a + " d=" + d + " mean " + r.mean() + " !< " + prev);
                assertTrue(r.percentile(100) <= Math.log(16) + 1e-12);
                prev = r.mean();
            }
        }
        // depth 1 (a single Gaussian map of Gaussian inputs): our numpy check gave 2.164 (300 draws)
        RankDistribution d1 = RandomNetworks.gramRanks(RandomNetConfig.paperDefault(1, Nonlinearity.LINEAR, Init.NORMAL), 400, 5);
        assertEquals(2.16, d1.mean(), 0.03);
    }

    @Test
    void everyActivationGivesFiniteRanks() {
        for (Nonlinearity a : Nonlinearity.values()) {
            for (Init i : Init.values()) {
                RandomNetConfig c = new RandomNetConfig(16, 32, 16, 4, a, i, 32, true, true);
                RankDistribution r = RandomNetworks.gramRanks(c, 10, 3);
                assertTrue(r.mean() > 0 && r.mean() <= Math.log(16) + 1e-12, a + " " + i + " " + r);
            }
        }
    }

    @Test
    void gramRanksAreTheSameWhateverTheThreads() throws Exception {
        RandomNetConfig c = RandomNetConfig.paperDefault(4, Nonlinearity.RELU, Init.UNIFORM);
        double[] parallel = RandomNetworks.gramRanks(c, 64, 11).samples();
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            assertArrayEquals(parallel, one.submit(() -> RandomNetworks.gramRanks(c, 64, 11).samples()).get(), 0.0);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void netConfigRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new RandomNetConfig(0, 4, 4, 2, Nonlinearity.RELU, Init.NORMAL, 8, false, false));
        assertThrows(IllegalArgumentException.class, () -> new RandomNetConfig(4, 4, 4, 0, Nonlinearity.RELU, Init.NORMAL, 8, false, false));
        assertThrows(IllegalArgumentException.class, () -> new RandomNetConfig(4, 4, 4, 2, null, Init.NORMAL, 8, false, false));
        assertThrows(IllegalArgumentException.class, () -> new RandomNetConfig(4, 4, 4, 2, Nonlinearity.RELU, Init.NORMAL, 0, false, false));
    }
}
