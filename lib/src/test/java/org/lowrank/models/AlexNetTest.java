package org.lowrank.models;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class AlexNetTest {
    static final AlexNet TINY = new AlexNet(3, 63, 63, 4, 1.0 / 16, 32, 0.5);

    static INDArray input(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, n, 3, 63, 63);
    }

    @Test
    void imageNetAlexNetHasTorchvisionParameterCount() {
        // torchvision alexnet: 61,100,840 parameters (at 224x224 the last feature map is already 6x6)
        assertEquals(61_100_840L, AlexNet.imageNet(1000).network(1, new Sgd(0.01), 0, DataType.FLOAT).numParams());
    }

    @Test
    void functionPreservingExpansionAndCollapse() {
        MultiLayerNetwork net = TINY.network(3, new Sgd(0.01), 0, DataType.DOUBLE);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        for (int i = 0; i < 4; i++) y.putScalar(i, i, 1.0);
        net.fit(new DataSet(input(4, 1), y));
        INDArray x = input(3, 2);
        INDArray before = net.output(x, false);
        MultiLayerNetwork e = Expand.expand(net, ExpandOptions.of(3, 1.0));
        assertTrue(e.output(x, false).sub(before).amaxNumber().doubleValue() < 1e-10);
        e.fit(new DataSet(input(4, 3), y));
        MultiLayerNetwork c = Collapse.collapse(e);
        assertEquals(net.numParams(), c.numParams());
        assertTrue(e.output(x, false).sub(c.output(x, false)).amaxNumber().doubleValue() < 1e-10);
    }

    @Test
    void rejectsBadArguments() {
        var ex = assertThrows(IllegalArgumentException.class, () -> new AlexNet(3, 63, 63, 4, 0, 32, 0.5));
        assertTrue(ex.getMessage().contains("widthFactor = 0"));
        ex = assertThrows(IllegalArgumentException.class, () -> new AlexNet(3, 63, 63, 4, 1, 32, 1.0));
        assertTrue(ex.getMessage().contains("dropout = 1.0"));
    }
}
