package org.lowrank.expand;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.*;

/** Whole-model expansion: configurations, selection, and function-preserving expansion of trained weights. */
class ExpandTest {

    static MultiLayerConfiguration cnnConf() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.RELU).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).stride(2, 2).activation(Activation.RELU).name("c2").build())
                .layer(new SubsamplingLayer.Builder().kernelSize(2, 2).stride(1, 1).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build())
                .setInputType(InputType.convolutionalFlat(9, 9, 1)).build();
    }

    static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 3);
        for (int i = 0; i < n; i++) y.putScalar(i, i % 3, 1.0);
        return y;
    }

    static MultiLayerNetwork trained() {
        MultiLayerNetwork net = new MultiLayerNetwork(cnnConf());
        net.init();
        Nd4j.getRandom().setSeed(31);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 12, 81);
        for (int i = 0; i < 10; i++) net.fit(x, labels(12));
        return net;
    }

    @Test
    void configurationExpansionReplacesOnlyDenseAndConv() {
        MultiLayerConfiguration e = Expand.expand(cnnConf(), ExpandOptions.of(3, 2));
        assertInstanceOf(ExpandedConv2D.class, e.getConf(0).getLayer());
        assertInstanceOf(DepthwiseConvolution2D.class, e.getConf(1).getLayer());   // grouped: left alone
        ExpandedConv2D c2 = (ExpandedConv2D) e.getConf(2).getLayer();
        assertArrayEquals(new int[]{3, 1, 1}, c2.getKernelSizes());
        assertEquals(2, c2.getStride());
        assertEquals(0, c2.getPadding());
        assertEquals(12, c2.hiddenWidth());
        assertEquals(Activation.RELU.getActivationFunction(), c2.getActivationFn());
        assertInstanceOf(ExpandedDense.class, e.getConf(4).getLayer());
        assertInstanceOf(OutputLayer.class, e.getConf(5).getLayer());
        // selection
        MultiLayerConfiguration onlyC2 = Expand.expand(cnnConf(), ExpandOptions.of(2, 1).only("c2"));
        assertInstanceOf(ConvolutionLayer.class, onlyC2.getConf(0).getLayer());
        assertInstanceOf(ExpandedConv2D.class, onlyC2.getConf(2).getLayer());
        MultiLayerConfiguration ex = Expand.expand(cnnConf(), ExpandOptions.of(2, 1).exclude("0", "c2"));
        assertInstanceOf(ConvolutionLayer.class, ex.getConf(0).getLayer());
        assertInstanceOf(ConvolutionLayer.class, ex.getConf(2).getLayer());
        assertInstanceOf(ExpandedDense.class, ex.getConf(4).getLayer());
        MultiLayerConfiguration fc = Expand.expand(cnnConf(), ExpandOptions.of(2, 1).withTarget(ExpandOptions.Target.DENSE));
        assertInstanceOf(ConvolutionLayer.class, fc.getConf(0).getLayer());
        assertInstanceOf(ExpandedDense.class, fc.getConf(4).getLayer());
        // the expanded configuration trains from a fresh official init and collapses back to the original shapes
        MultiLayerNetwork net = new MultiLayerNetwork(e);
        net.init();
        MultiLayerNetwork plain = Collapse.collapse(net);
        MultiLayerNetwork orig = new MultiLayerNetwork(cnnConf());
        orig.init();
        assertEquals(orig.numParams(), plain.numParams());
        Nd4j.getRandom().setSeed(30);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 81);
        assertTrue(net.output(x).sub(plain.output(x)).amaxNumber().doubleValue() < 1e-12);
        assertTrue(net.numParams() > orig.numParams());
        // residual on a model whose layers change size: clear error
        assertThrows(IllegalArgumentException.class, () -> Expand.expand(cnnConf(), ExpandOptions.of(2, 1).withResidual(1)));
    }

    @ParameterizedTest(name = "depth={0} width={1} batchNorm={2}")
    @CsvSource({"1,1,false", "2,1,false", "4,1,false", "2,4,true", "3,1.5,true"})
    void functionPreservingExpansion(int depth, double width, boolean bn) {
        MultiLayerNetwork net = trained();
        Nd4j.getRandom().setSeed(32);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 7, 81);
        MultiLayerNetwork big = Expand.expand(net, ExpandOptions.of(depth, width).withBatchNorm(bn));
        assertInstanceOf(ExpandedConv2D.class, big.getLayerWiseConfigurations().getConf(0).getLayer());
        double err = net.output(x).sub(big.output(x)).amaxNumber().doubleValue();
        assertTrue(err < 1e-10, "expanded output differs by " + err);
        // collapsing gives the trained weights back
        MultiLayerNetwork back = Collapse.collapse(big);
        assertTrue(back.params().sub(net.params()).amaxNumber().doubleValue() < 1e-10);
        // and fine-tuning starts from the trained function: the first score equals the trained net's
        assertEquals(net.score(new org.nd4j.linalg.dataset.DataSet(x, labels(7))),
                big.score(new org.nd4j.linalg.dataset.DataSet(x, labels(7))), 1e-10);
        if (depth > 1) {
            big.fit(x, labels(7));
            assertFalse(big.params().equals(net.params()));
        }
    }

    @Test
    void balancedFactorsHaveEqualSpectra() {
        Nd4j.getRandom().setSeed(33);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 6, 5);
        ExpandedDense e = new ExpandedDense(6, 5, 1, 3, false);
        var p = Expand.factorDense(w, null, e);
        INDArray prod = p.get("W0").mmul(p.get("W1")).mmul(p.get("W2"));
        assertTrue(prod.sub(w).amaxNumber().doubleValue() < 1e-12);
        double[] s = org.lowrank.rank.RankMetrics.singularValues(w);
        double[] s1 = org.lowrank.rank.RankMetrics.singularValues(p.get("W1"));
        for (int i = 0; i < 5; i++) assertEquals(Math.cbrt(s[i]), s1[i], 1e-12);
    }

    @Test
    void preservingNeedsEnoughWidth() {
        Nd4j.getRandom().setSeed(34);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 16, 8);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Expand.factorDense(w, null, new ExpandedDense(16, 8, 0.5, 2, false)));
        assertTrue(ex.getMessage().contains("rank 8"), ex.getMessage());
        // a rank-3 weight fits a width-4 hidden layer exactly
        INDArray low = Nd4j.randn(DataType.DOUBLE, 16, 3).mmul(Nd4j.randn(DataType.DOUBLE, 3, 8));
        var p = Expand.factorDense(low, null, new ExpandedDense(16, 8, 0.5, 2, false));
        assertTrue(p.get("W0").mmul(p.get("W1")).sub(low).amaxNumber().doubleValue() < 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Expand.expand(trained(), ExpandOptions.of(2, 1).withResidual(-1)));
    }

    @Test
    void computationGraphExpansionPreservesFunction() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).stride(2, 2).padding(1, 1)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("fc", new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(3).build(), "fc")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 2)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(35);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 2, 8, 8);
        for (int i = 0; i < 5; i++) g.fit(new INDArray[]{x}, new INDArray[]{labels(5)});
        ComputationGraph big = Expand.expand(g, ExpandOptions.of(3, 1).exclude("fc"));
        assertInstanceOf(ExpandedConv2D.class, big.getLayer("conv").conf().getLayer());
        assertInstanceOf(DenseLayer.class, big.getLayer("fc").conf().getLayer());
        assertTrue(g.outputSingle(x).sub(big.outputSingle(x)).amaxNumber().doubleValue() < 1e-10);
        ComputationGraphConfiguration ec = Expand.expand(conf, ExpandOptions.of(2, 1));
        assertInstanceOf(ExpandedDense.class, ((org.deeplearning4j.nn.conf.graph.LayerVertex) ec.getVertices().get("fc")).getLayerConf().getLayer());
    }
}
