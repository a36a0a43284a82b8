package org.lowrank.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.data.Augmentation;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.ExpandedConv2D;
import org.lowrank.expand.ExpandedDense;

class CnnExperimentTest {
    @TempDir Path tmp;

    static final SmallCnn CNN = new SmallCnn(new int[]{2, 4, 4, 4}, 6, 8, 8, 1, 4);

    @Test
    void expandedNetworkHasExpandedLayersAndCollapsesToThePlainArchitecture() {
        MultiLayerNetwork plain = CNN.inferenceNetwork(1, 0.05, 0, 10);
        assertEquals(0, expandedLayers(plain), "the inference architecture is DL4J's own layers");
        for (int depth : new int[]{1, 4}) {
            MultiLayerNetwork exp = CNN.network(depth, 1, 0.05, 0, 10);
            assertEquals(6, expandedLayers(exp), "depth " + depth + ": 4 convs + hidden dense + classifier");
            if (depth == 1) assertEquals(plain.numParams(), exp.numParams(), "depth 1: one factor per layer, the plain count");
            else assertTrue(exp.numParams() > plain.numParams());
            MultiLayerNetwork collapsed = Collapse.collapse(exp);
            assertTrue(CnnExperiment.sameArchitecture(collapsed, plain), "depth " + depth);
            assertFalse(CnnExperiment.sameArchitecture(exp, plain), "depth " + depth);
            assertEquals(plain.numParams(), collapsed.numParams());
        }
    }

    @Test
    void plainIsDepthOneOfTheExpandedLayersWithTheirInitialisation() {
        // one code path: depth 1 is the expanded layers with one factor, initialised like the factors of deeper nets
        MultiLayerNetwork plain = CNN.network(1, 1, 0.05, 0, 10);
        for (int i = 0; i < plain.getnLayers(); i++) {
            var conf = plain.getLayerWiseConfigurations().getConf(i).getLayer();
            if (conf instanceof org.lowrank.expand.ExpandedLayer e) assertEquals(1, e.getDepth(), "layer " + i);
        }
        assertEquals(plain.params(), CNN.network(1, 1, 0.05, 0, 10).params(), "same seed, same initial weights");
        org.deeplearning4j.nn.api.Layer first = plain.getLayer(0);
        assertTrue(first instanceof org.lowrank.expand.ExpandedLayerImpl, first.getClass().getName());
    }

    private static long expandedLayers(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof ExpandedConv2D || c.getLayer() instanceof ExpandedDense).count();
    }

    @Test
    void embeddingLayerIsTheHiddenDenseLayerWithAndWithoutBatchNorm() {
        for (boolean bn : new boolean[]{false, true}) {
            SmallCnn cnn = new SmallCnn(new int[]{2, 4, 4, 4}, 6, 8, 8, 1, 4, bn);
            for (int depth : new int[]{1, 2}) {
                MultiLayerNetwork net = cnn.network(depth, 1, 0.05, 0, 10);
                var layer = net.getLayerWiseConfigurations().getConf(cnn.embeddingLayer()).getLayer();
                assertTrue(layer instanceof ExpandedDense, layer.toString());
                assertEquals(6, ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNOut());
                assertEquals(cnn.embeddingLayer() + 3, net.getnLayers(), "then classifier and loss");
                assertTrue(CnnExperiment.sameArchitecture(Collapse.collapse(net), cnn.inferenceNetwork(1, 0.05, 0, 10)));
            }
        }
    }

    @Test
    void runsReportAccuraciesRhoAndCollapsedEquality() throws Exception {
        ImageDataset train = TinyNets.data(64, 1), test = TinyNets.data(32, 2);
        CnnExperiment.Settings s = new CnnExperiment.Settings(CNN, 2, 8, 0.05, 5e-4, Augmentation.none(), 16, 32, tmp, 5, Progress.NONE);
        List<CnnExperiment.Run> runs = CnnExperiment.runAll(s, train, train, test, new int[]{1, 2}, new long[]{1, 2});
        assertEquals(4, runs.size());
        for (CnnExperiment.Run r : runs) {
            assertEquals(2, r.history().size());
            assertEquals(2, r.rhoPerEpoch().length);
            for (double rho : r.rhoPerEpoch()) assertTrue(Double.isNaN(rho) || rho >= 0 && rho <= Math.log(6) + 1e-9, "rho(K) within [0, ln m]: " + rho);
            assertTrue(r.sameArchitectureAsPlain(), r.model());
            assertEquals(r.testAccuracy(), r.collapsedTestAccuracy(), 0.0, r.model());
            assertTrue(r.maxOutputDifference() < 1e-5, r.model() + " " + r.maxOutputDifference());
            assertEquals(r.trainAccuracy() - r.testAccuracy(), r.gap(), 1e-12);
            assertTrue(Files.isRegularFile(tmp.resolve("results-d" + r.depth() + "-s" + r.seed() + ".csv")));
        }
        assertTrue(runs.get(1).trainedParams() > runs.get(1).collapsedParams());
        assertEquals(runs.get(0).trainedParams(), runs.get(0).collapsedParams(), "plain: one factor per layer");
        for (CnnExperiment.Run r : runs) {
            CnnExperiment.Run back = CnnExperiment.Run.of(r.flatten());
            assertArrayEquals(r.flatten(), back.flatten(), 0.0);
            assertEquals(r.history(), back.history());
            assertEquals(List.of(r.depth(), r.seed(), r.sameArchitectureAsPlain(), r.trainedParams()),
                    List.of(back.depth(), back.seed(), back.sameArchitectureAsPlain(), back.trainedParams()));
        }
        var bad = assertThrows(IllegalArgumentException.class, () -> CnnExperiment.Run.of(new double[13 + 9 + 1]));
        assertTrue(bad.getMessage().contains("values has 23"), bad.getMessage());
        for (CnnExperiment.Run r : runs) {
            assertTrue(r.rhoInit() >= 0 && r.rhoInit() <= Math.log(6) + 1e-9, "rho(K) at init within [0, ln m]: " + r.rhoInit());
            assertEquals(r.rhoK() - r.rhoInit(), r.rhoChange(), 1e-15);
        }
        // rho(K) at init is measured on the untrained network: the same seed's fresh network gives the same value
        ImageIterator probe = new ImageIterator(test.head(32), ImageIterator.Config.evaluation(16, Normalization.perChannel(train)));
        assertEquals(runs.get(0).rhoInit(), CnnExperiment.rhoK(CnnExperiment.embeddings(CNN.network(1, 1, 0.05, 5e-4, 16),
                CNN.embeddingLayer(), probe)), 1e-12);
        assertEquals(2, org.lowrank.claims.CnnRuns.meanCurve(runs, 2, EpochMetrics::testAccuracy).length);
        assertEquals(3, org.lowrank.claims.CnnRuns.rhoCurves(runs, 2).length, "init + 2 epochs");
        assertTrue(org.lowrank.notebook.Tables.cnnRuns(runs).toString().contains("expanded d=2"));
        var m2 = org.lowrank.claims.CnnRuns.model(runs, 2);
        assertEquals(org.lowrank.claims.CnnRuns.mean(runs, 2, CnnExperiment.Run::testAccuracy), m2.test().mean(), 1e-15);
        var vs = org.lowrank.claims.CnnRuns.vsPlain(runs, new int[]{2}, org.lowrank.claims.CnnRuns.Metric.TEST_ACCURACY).get(0);
        assertEquals(m2.test().mean() - org.lowrank.claims.CnnRuns.model(runs, 1).test().mean(), vs.difference().mean(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> org.lowrank.claims.CnnRuns.vsPlain(runs.subList(0, 2), new int[]{2}, org.lowrank.claims.CnnRuns.Metric.TEST_ACCURACY));

        // Re-running with the same outDir resumes finished runs from their checkpoints: same numbers, rho read back.
        CnnExperiment.Run again = CnnExperiment.run(s, train, train, test, 2, 1);
        assertEquals(runs.get(1).testAccuracy(), again.testAccuracy(), 0.0);
        assertArrayEquals(runs.get(1).rhoPerEpoch(), again.rhoPerEpoch(), 0.0);
        assertEquals(Math.log(2), CnnExperiment.rhoK(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][]{{1, 0}, {0, 0}, {0, 2}})), 1e-12);
    }
}
