package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lowrank.random.GramKernel;
import org.lowrank.random.Init;
import org.lowrank.random.Nonlinearity;
import org.lowrank.random.RandomNetConfig;
import org.lowrank.random.RandomNetworks;

class KernelChaseTest {
    @Test
    void plainVariantIsNotebook02sSampleAndReluOutputsAlign() {
        RandomNetConfig relu = RandomNetConfig.paperDefault(1, Nonlinearity.RELU, Init.NORMAL);
        KernelChase chase = new KernelChase(new int[] {1, 8}, 40, 7);
        List<KernelChase.Row> rows = chase.run(List.of(new KernelChase.Variant("plain", relu, GramKernel.PLAIN),
                new KernelChase.Variant("linear", relu.withActivation(Nonlinearity.LINEAR), GramKernel.PLAIN)));
        // variant 0 at depth index k draws from seed + k: the same samples as RandomNetworks.gramRanks
        assertArrayEquals(RandomNetworks.gramRanks(relu.withDepth(8), 40, 8).samples(), rows.get(0).rho()[1].samples());
        // deep ReLU nets map inputs towards one direction; deep linear nets do not
        assertTrue(rows.get(0).meanCosine()[1] > 0.8, "ReLU d=8 mean cosine " + rows.get(0).meanCosine()[1]);
        assertTrue(Math.abs(rows.get(1).meanCosine()[1]) < 0.3, "linear d=8 mean cosine " + rows.get(1).meanCosine()[1]);
        assertEquals(0.0, rows.get(0).maxGap(rows.get(0).peaks()), 0);
        assertThrows(IllegalArgumentException.class, () -> rows.get(0).maxGap(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new KernelChase(new int[] {1}, 40, 7));
    }

    @Test
    void arcCosineMapStartsAtOneOverPiAndRisesTowardsOne() {
        assertEquals(0.0, KernelChase.arcCosineCorrelation(0));
        assertEquals(1 / Math.PI, KernelChase.arcCosineCorrelation(1), 1e-15);
        double prev = 0;
        for (int k = 1; k < 50; k++) {
            double c = KernelChase.arcCosineCorrelation(k);
            assertTrue(c > prev && c < 1, "k=" + k + " c=" + c);
            prev = c;
        }
        assertThrows(IllegalArgumentException.class, () -> KernelChase.arcCosineCorrelation(-1));
    }
}
