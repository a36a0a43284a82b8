package org.lowrank.expand;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** The named factories build the same layers as the full constructors, and keep what was set before. */
class ExpandedLayerFactoriesTest {
    @Test
    void denseFactoryMatchesConstructor() {
        var viaFactory = ExpandedDense.of(32, 32, 4).withBatchNorm(true).withResidual(2);
        var viaConstructor = new ExpandedDense(32, 32, 1, 4, true, true, true, new int[]{2});
        assertEquals(viaConstructor, viaFactory);
        assertEquals(new ExpandedDense(16, 8, 2.0, 3, false, false, false, new int[]{2}), ExpandedDense.of(16, 8, 3).withWidth(2.0).withBias(false));
        var act = ExpandedDense.of(8, 8, 2).activation(Activation.TANH).withWidth(2.0);
        assertEquals(Activation.TANH.getActivationFunction(), act.getActivationFn(), "activation survives withX");
        assertFalse(ExpandedDense.of(8, 8, 2).withBias(false).hasBias());
    }

    @Test
    void convFactoriesMatchConstructor() {
        var viaFactory = ExpandedConv2D.ofKernels(8, 8, 5, 3, 1).withStride(2).withWidth(2.0).withBatchNorm(true);
        var viaConstructor = new ExpandedConv2D(8, 8, new int[]{5, 3, 1}, 0, 2, ExpandedConv2D.samePadding(5, 3, 1), 2.0,
                true, true, false, new int[]{2}, 1);
        assertEquals(viaConstructor, viaFactory);
        assertEquals(new ExpandedConv2D(3, 16, 3, 4, 1, 1, 1.0, true).getDepth(), ExpandedConv2D.of(3, 16, 3, 4).getDepth());
        assertEquals(new ExpandedConv2D(3, 16, new int[]{3}, 4, 1, 1, 1.0, true, false, false, new int[]{2}, 1),
                ExpandedConv2D.of(3, 16, 3, 4));
    }

    @Test
    void badInputNamesArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpandedDense.of(8, 8, 0));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExpandedConv2D.of(8, 8, 3, 2).withStride(0));
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExpandedDense.of(8, 4, 3).withResidual(1));
        assertTrue(e.getMessage().contains("nIn") || e.getMessage().contains("residual"), e.getMessage());
    }
}
