package org.lowrank.models;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.expand.ExpandedConv2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class ResNetTest {
    static final ResNet TINY = ResNet.small(3, 2, 12, 12, 4, 6);

    static DataSet randomBatch(ResNet r, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, r.channels(), r.height(), r.width());
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, r.numClasses());
        for (int i = 0; i < n; i++) y.putScalar(i, i % r.numClasses(), 1.0);
        return new DataSet(x, y);
    }

    static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** A few SGD steps so that batch-norm running statistics and weights are not at their initial values. */
    static void train(ComputationGraph g, ResNet r, int steps) {
        for (int i = 0; i < steps; i++) g.fit(randomBatch(r, 8, 100 + i));
    }

    @Test
    void structureAndResidualShortcuts() {
        ComputationGraph g = TINY.network(1, new Sgd(0.1), 0, DataType.DOUBLE);
        INDArray out = g.outputSingle(false, randomBatch(TINY, 5, 1).getFeatures());
        assertArrayEquals(new long[]{5, 3}, out.shape());
        assertNotNull(g.getVertex("s1b1_add"));
        assertNotNull(g.getLayer("s2b1_down"), "stride-2 block has a projection shortcut");
        assertFalse(g.getConfiguration().getVertices().containsKey("s1b1_down"), "same-width stride-1 block has the identity shortcut");
        INDArray emb = g.feedForward(randomBatch(TINY, 5, 1).getFeatures(), false).get(ResNet.EMBEDDING);
        assertArrayEquals(new long[]{5, TINY.embeddingWidth()}, emb.shape());
    }

    @Test
    void resNet18HasTorchvisionParameterCount() {
        // torchvision resnet18: 11,689,512 trainable parameters; DL4J also stores BN's running mean and variance as
        // parameters: 2 x 4,800 BN channels more.
        ComputationGraph g = ResNet.resNet18(1000, 3, 224, 224).network(1, new Sgd(0.1), 0, DataType.FLOAT);
        assertEquals(11_689_512L + 2 * 4_800, g.numParams());
        assertEquals(20, g.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof ConvolutionLayer).count(), "17 convs + 3 projections");
    }

    @Test
    void expandedConfigurationWithBatchNormCollapsesExactly() {
        var opts = ExpandOptions.of(2, 1.0).withBatchNorm(true);
        ComputationGraph e = new ComputationGraph(Expand.expand(TINY.configuration(3, new Sgd(0.05), 0, DataType.DOUBLE), opts));
        e.init();
        assertTrue(e.getLayer("s2b1_down").conf().getLayer() instanceof ExpandedConv2D, "1x1 stride-2 projection expanded");
        train(e, TINY, 3);   // moves the expanded layers' own BN statistics away from (0, 1): BN folding is exercised
        ComputationGraph c = Collapse.collapse(e);
        INDArray x = randomBatch(TINY, 6, 7).getFeatures();
        assertTrue(maxDiff(e.outputSingle(false, x), c.outputSingle(false, x)) < 1e-10);
        assertTrue(maxDiff(e.feedForward(x, false).get(ResNet.EMBEDDING), c.feedForward(x, false).get(ResNet.EMBEDDING)) < 1e-10);
        for (var l : c.getLayers()) assertFalse(l.conf().getLayer() instanceof ExpandedConv2D);
    }

    @Test
    void functionPreservingExpansionOfTrainedResNet() {
        ComputationGraph g = TINY.network(5, new Sgd(0.05), 0, DataType.DOUBLE);
        train(g, TINY, 3);
        INDArray x = randomBatch(TINY, 6, 9).getFeatures();
        INDArray before = g.outputSingle(false, x);
        for (int d : new int[]{2, 4}) {
            ComputationGraph e = Expand.expand(g, ExpandOptions.of(d, 1.0).withTarget(ExpandOptions.Target.CONV));
            assertTrue(e.numParams() > g.numParams());
            assertTrue(maxDiff(before, e.outputSingle(false, x)) < 1e-10, "depth " + d);
            train(e, TINY, 2);
            ComputationGraph c = Collapse.collapse(e);
            assertEquals(g.numParams(), c.numParams(), "collapsed = plain architecture");
            assertTrue(maxDiff(e.outputSingle(false, x), c.outputSingle(false, x)) < 1e-10, "depth " + d);
        }
    }

    @Test
    void resNet10ExpandsAndCollapses() {
        ResNet r = ResNet.resNet10(4, 3, 32, 32);
        ComputationGraph e = new ComputationGraph(Expand.expand(r.configuration(2, new Sgd(0.01), 0, DataType.DOUBLE),
                ExpandOptions.of(2, 1.0)));
        e.init();
        ComputationGraph c = Collapse.collapse(e);
        assertEquals(r.network(2, new Sgd(0.01), 0, DataType.DOUBLE).numParams(), c.numParams());
        INDArray x = randomBatch(r, 2, 3).getFeatures();
        assertTrue(maxDiff(e.outputSingle(false, x), c.outputSingle(false, x)) < 1e-10);
    }

    @Test
    void rejectsBadArguments() {
        var ex = assertThrows(IllegalArgumentException.class, () -> ResNet.small(3, 1, 8, 8));
        assertTrue(ex.getMessage().contains("blocks"));
        ex = assertThrows(IllegalArgumentException.class, () -> new ResNet(new int[]{1}, new int[]{4}, 4, 4, 1, false, 1, 8, 8, 3));
        assertTrue(ex.getMessage().contains("stemKernel = 4"));
        ex = assertThrows(IllegalArgumentException.class, () -> TINY.configuration(1, new Sgd(0.1), -1, DataType.FLOAT));
        assertTrue(ex.getMessage().contains("weightDecay = -1"));
        ex = assertThrows(IllegalArgumentException.class, () -> TINY.configuration(1, new Sgd(0.1), 0, DataType.INT));
        assertTrue(ex.getMessage().contains("dataType = INT"));
    }
}
