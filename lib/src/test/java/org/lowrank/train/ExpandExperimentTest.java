package org.lowrank.train;

import org.junit.jupiter.api.Test;
import org.lowrank.data.FashionMnist;
import org.lowrank.expand.Collapse;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Notebook 08's experiment on a tiny Fashion-MNIST subset (skipped when the dataset files are absent). */
class ExpandExperimentTest {
    @Test
    void tinyRunRecordsRhoAndCollapses() {
        assumeTrue(Files.isDirectory(FashionMnist.defaultDirectory()), "Fashion-MNIST not installed");
        ExpandExperiment ex = new ExpandExperiment(new int[]{16}, 3, 1, 1, 32, 1e-3, 1e-3, 128, 64, 4);
        ExpandExperiment.Result r = ex.run();
        assertEquals(2, r.epochs().size());
        ExpandExperiment.Epoch last = r.last();
        assertTrue(last.rhoPlain()[0] > 0 && last.rhoPlain()[0] <= Math.log(16) + 1e-9);
        assertTrue(last.rhoExpanded()[0] > 0 && last.rhoExpanded()[0] <= Math.log(16) + 1e-9);
        assertTrue(last.trainAccPlain() >= 0 && last.trainAccPlain() <= 1);
        var plain = Collapse.collapse(r.expanded());
        assertEquals(r.plain().numParams(), plain.numParams());
        var x = r.test().getFeatures();
        assertTrue(r.expanded().output(x).sub(plain.output(x)).amaxNumber().doubleValue() < 1e-5);
        assertThrows(IllegalArgumentException.class, () -> new ExpandExperiment(new int[]{16}, 0, 1, 1, 32, 1e-3, 1e-3, 128, 64, 4));
        assertThrows(IllegalArgumentException.class, () -> new ExpandExperiment(new int[]{16}, 2, 1, 1, 256, 1e-3, 1e-3, 128, 64, 4));
        var e = assertThrows(IllegalArgumentException.class, () -> new ExpandExperiment(new int[]{16}, 2, 1, 1, 32, 1e-3, 0, 128, 64, 4));
        assertTrue(e.getMessage().contains("lrExpanded = 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ex.validationAccuracy(true, 100), "128 - 100 images is less than a batch");
    }

    @Test
    void plainAndExpandedAreTheSameLayersAndCollapseToDl4jsArchitecture() {
        ExpandExperiment ex = new ExpandExperiment(new int[]{16, 8}, 3, 1, 1, 32, 1e-3, 2e-3, 128, 64, 4);
        var plain = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(ex.plainConfiguration());
        plain.init();
        var big = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(ex.expandedConfiguration());
        big.init();
        var dl4j = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(ex.dl4jConfiguration(1e-3));
        dl4j.init();
        for (int i = 0; i < 2; i++) {
            var p = (org.lowrank.expand.ExpandedDense) plain.getLayer(i).conf().getLayer();
            var b = (org.lowrank.expand.ExpandedDense) big.getLayer(i).conf().getLayer();
            assertEquals(1, p.getDepth(), "plain hidden layer " + i);
            assertEquals(3, b.getDepth(), "expanded hidden layer " + i);
        }
        assertEquals(dl4j.numParams(), plain.numParams(), "depth 1 has a single layer's parameters");
        assertEquals(dl4j.numParams(), Collapse.collapse(big).numParams());
        assertEquals(1e-3, ex.lr(false));
        assertEquals(2e-3, ex.lr(true));
    }
}
