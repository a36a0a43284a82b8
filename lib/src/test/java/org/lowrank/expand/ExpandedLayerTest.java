package org.lowrank.expand;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Initialization, gradients, serialization, ComputationGraph use and argument errors of the expanded layers. */
class ExpandedLayerTest {
    private static DataType savedDefault;

    @org.junit.jupiter.api.BeforeAll
    static void doublePrecision() {
        savedDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);   // GradientCheckUtil requires it
    }

    @org.junit.jupiter.api.AfterAll
    static void restorePrecision() { Nd4j.setDefaultDataTypes(savedDefault, savedDefault); }

    // ------------------------------------------------------------------ init (docs/reproduction-notes.md §2.4)

    @Test
    void denseInitMatchesOfficialStds() {
        ExpandedDense l = new ExpandedDense(256, 512, 1, 3, true);
        MultiLayerNetwork net = ExpandTestNets.single(l, DataType.DOUBLE, InputType.feedForward(256), 3);
        double[] expected = {1 / Math.sqrt(256), 1 / Math.sqrt(512), Math.sqrt(2) / Math.sqrt(512)};
        for (int i = 0; i < 3; i++) {
            INDArray w = net.getLayer(0).getParam("W" + i);
            assertEquals(expected[i], w.stdNumber().doubleValue(), 0.02 * expected[i], "std of W" + i);
            assertEquals(0, w.meanNumber().doubleValue(), 0.02 * expected[i], "mean of W" + i);
            INDArray b = net.getLayer(0).getParam("b" + i);
            double bound = 1 / Math.sqrt(i == 0 ? 256 : 512);
            assertTrue(b.amaxNumber().doubleValue() <= bound, "bias within U(±1/sqrt(fan_in))");
            assertTrue(b.amaxNumber().doubleValue() > 0.8 * bound, "bias spread over U(±1/sqrt(fan_in))");
        }
    }

    @Test
    void convInitUsesFanOutAndPaperExample() {
        // docs/reproduction-notes.md §2.4: Conv 3→8, k=3, depth 3 → stds [1/sqrt(72), 1/sqrt(8), sqrt(2)/sqrt(8)] (fan_out = c_out·k·k)
        ExpandedConv2D l = new ExpandedConv2D(3, 8, new int[]{3}, 3, 1, 1, 1, true, true, false, new int[]{1}, 1);
        assertArrayEquals(new int[]{3, 1, 1}, l.getKernelSizes());
        double[] expected = {1 / Math.sqrt(72), 1 / Math.sqrt(8), Math.sqrt(2) / Math.sqrt(8)};
        for (int i = 0; i < 3; i++) assertEquals(expected[i], l.initOf(i).std(l.fans(i)[0], l.fans(i)[1]), 1e-15);
        // measured on a big layer: 64→128, k=3
        ExpandedConv2D big = new ExpandedConv2D(64, 128, 3, 2, 1, 1, 1, true);
        MultiLayerNetwork net = ExpandTestNets.single(big, DataType.DOUBLE, InputType.convolutional(8, 8, 64), 5);
        INDArray w0 = net.getLayer(0).getParam("W0"), w1 = net.getLayer(0).getParam("W1");
        assertArrayEquals(new long[]{128, 64, 3, 3}, w0.shape());
        assertEquals(1 / Math.sqrt(128 * 9), w0.stdNumber().doubleValue(), 0.02 / Math.sqrt(128 * 9));
        assertEquals(Math.sqrt(2) / Math.sqrt(128), w1.stdNumber().doubleValue(), 0.03 * Math.sqrt(2) / Math.sqrt(128));
        double bound = 1 / Math.sqrt(64 * 9);
        INDArray b0 = net.getLayer(0).getParam("b0");
        assertTrue(b0.amaxNumber().doubleValue() <= bound && b0.amaxNumber().doubleValue() > 0.8 * bound);
        // batch norm γ = 1, β = 0, running mean 0, var 1
        MultiLayerNetwork bn = ExpandTestNets.single(l, DataType.DOUBLE, InputType.convolutional(8, 8, 3), 5);
        assertEquals(1.0, bn.getLayer(0).getParam("gamma2").minNumber().doubleValue());
        assertEquals(0.0, bn.getLayer(0).getParam("beta1").amaxNumber().doubleValue());
        assertEquals(1.0, bn.getLayer(0).getParam("var0").minNumber().doubleValue());
    }

    @Test
    void sameSeedSameParams() {
        ExpandedDense l = new ExpandedDense(8, 8, 1, 4, true, true, true, new int[]{2});
        INDArray a = ExpandTestNets.single(l, DataType.DOUBLE, InputType.feedForward(8), 42).params();
        INDArray b = ExpandTestNets.single(l.clone(), DataType.DOUBLE, InputType.feedForward(8), 42).params();
        assertEquals(a, b);
    }

    @Test
    void hiddenWidthFollowsOutput() {
        ExpandedDense l = new ExpandedDense(4096, 10, 1, 2, true);   // official: Linear(4096,10) → Linear(10,10)
        assertEquals(10, l.hiddenWidth());
        assertEquals(4096L * 10 + 10 + 10 * 10 + 10, ExpandedParamInitializer.INSTANCE.numParams(l));
        assertEquals(16, new ExpandedDense(3, 32, 0.5, 2, true).hiddenWidth());
    }

    // ------------------------------------------------------------------ gradient checks (double)

    static MultiLayerNetwork withOutput(org.deeplearning4j.nn.conf.layers.Layer l, InputType in, int nOut) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list().layer(l)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(nOut).build())
                .setInputType(in).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Set<String> runningStats(MultiLayerNetwork net) {
        Set<String> ex = new HashSet<>();
        for (String k : net.paramTable().keySet()) if (k.contains("_mean") || k.contains("_var")) ex.add(k);
        return ex;
    }

    static INDArray oneHot(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) y.putScalar(i, i % classes, 1.0);
        return y;
    }

    @ParameterizedTest(name = "dense depth={0} width={1} bias={2} bn={3} residual={4}")
    @CsvSource({"1,1,true,false,false", "3,2,true,false,false", "3,1,false,true,false", "4,1,true,false,true",
            "4,1,true,true,true", "2,0.5,true,true,false"})
    void denseGradients(int depth, double width, boolean bias, boolean bn, boolean res) {
        ExpandedDense l = new ExpandedDense(6, 6, width, depth, bias, bn, res, new int[]{1, 2}).activation(Activation.TANH);
        MultiLayerNetwork net = withOutput(l, InputType.feedForward(6), 3);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 6);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(oneHot(5, 3)).excludeParams(runningStats(net)).epsilon(1e-6).maxRelError(1e-4)
                .minAbsoluteError(1e-9));
        assertTrue(ok);
    }

    @ParameterizedTest(name = "conv kernels={0} stride={1} padding={2} bn={3} residual={4} dilation={5} input={6}")
    @CsvSource({"3 1,1,1,false,false,1,5", "1 3,2,1,true,false,1,6", "3 3,2,2,false,true,1,7",
            "3 1 1,2,1,true,true,1,6", "3 1,1,2,false,false,2,6", "5 3 1,2,0,false,false,1,9"})
    void convGradients(String kernels, int stride, int padding, boolean bn, boolean res, int dilation, int size) {
        int[] ks = java.util.Arrays.stream(kernels.split(" ")).mapToInt(Integer::parseInt).toArray();
        ExpandedConv2D l = new ExpandedConv2D(2, 2, ks, 0, stride, padding, 1, true, bn, res, new int[]{1, -1}, dilation)
                .activation(Activation.TANH);
        MultiLayerNetwork net = withOutput(l, InputType.convolutional(size, size, 2), 3);
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 2, size, size);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(oneHot(3, 3)).excludeParams(runningStats(net)).epsilon(1e-6).maxRelError(1e-4)
                .minAbsoluteError(1e-9));
        assertTrue(ok);
    }

    // ------------------------------------------------------------------ ComputationGraph

    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("conv", new ExpandedConv2D(1, 4, new int[]{3}, 3, 2, 1, 2, true, true, false, new int[]{1}, 1)
                        .activation(Activation.RELU), "in")
                .addLayer("fc", new ExpandedDense(0, 8, 1, 2, true, false, true, new int[]{-1}).activation(Activation.TANH), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(3).build(), "fc")
                .setOutputs("out").setInputTypes(InputType.convolutional(6, 6, 1)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void computationGraphGradientsAndCollapse() {
        // residual fc needs nIn == nOut: conv output 4×3×3 = 36 ≠ 8, so expect a clear error first
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ExpandedLayerTest::graph);
        assertTrue(e.getMessage().contains("nIn == nOut"), e.getMessage());

        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("conv", new ExpandedConv2D(1, 2, new int[]{3}, 3, 2, 1, 1, true, true, false, new int[]{1}, 1)
                        .activation(Activation.RELU), "in")
                .addLayer("fc", new ExpandedDense(0, 4, 1, 2, true).activation(Activation.TANH), "conv")
                .addLayer("fc2", new ExpandedDense(4, 4, 1, 4, true, false, true, new int[]{2}).activation(Activation.TANH), "fc")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(3).build(), "fc2")
                .setOutputs("out").setInputTypes(InputType.convolutional(6, 6, 1)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 1, 6, 6);
        Set<String> ex = new HashSet<>();
        for (String k : g.paramTable().keySet()) if (k.contains("_mean") || k.contains("_var")) ex.add(k);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{oneHot(4, 3)}).excludeParams(ex)
                .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)));
        g.setLearningRate(0.0);
        ComputationGraph plain = Collapse.collapse(g);
        assertInstanceOf(ConvolutionLayer.class, plain.getLayer("conv").conf().getLayer());
        assertInstanceOf(DenseLayer.class, plain.getLayer("fc2").conf().getLayer());
        assertEquals(5, ((ConvolutionLayer) plain.getLayer("conv").conf().getLayer()).getKernelSize()[0] + 2);
        INDArray a = g.outputSingle(false, x), b = plain.outputSingle(false, x);
        assertTrue(a.sub(b).amaxNumber().doubleValue() < 1e-12);
    }

    // ------------------------------------------------------------------ serialization

    static MultiLayerNetwork mixed() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-3)).l2(1e-4).list()
                .layer(new ExpandedConv2D(1, 4, new int[]{3}, 2, 1, 1, 1, true, false, false, new int[]{1}, 1)
                        .activation(Activation.RELU))
                .layer(new ExpandedConv2D(4, 4, new int[]{3, 3, 1}, 0, 2, 2, 1, true, true, true, new int[]{1, -1}, 1)
                        .activation(Activation.RELU))
                .layer(new ExpandedDense(0, 6, 4, 3, false, true, false, new int[]{1}).activation(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build())
                .setInputType(InputType.convolutionalFlat(7, 7, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void jsonRoundTrip() {
        MultiLayerConfiguration conf = mixed().getLayerWiseConfigurations();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer());
        assertInstanceOf(ExpandedConv2D.class, back.getConf(0).getLayer());
        assertEquals(json, back.toJson());
    }

    @Test
    void modelSerializerRoundTripKeepsTrainedFunction() throws Exception {
        MultiLayerNetwork net = mixed();
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 49);
        for (int i = 0; i < 3; i++) net.fit(x, oneHot(8, 3));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bos, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bos.toByteArray()), true);
        assertEquals(net.params(), back.params());
        assertEquals(net.output(x), back.output(x));
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        // the restored model keeps training identically
        net.fit(x, oneHot(8, 3));
        back.fit(x, oneHot(8, 3));
        assertEquals(net.params(), back.params());
        MultiLayerNetwork plain = Collapse.collapse(back);
        assertTrue(plain.output(x).sub(back.output(x)).amaxNumber().doubleValue() < 1e-12);
        // the collapsed network (custom KaimingNormalInit in its config) serializes too
        MultiLayerConfiguration pc = plain.getLayerWiseConfigurations();
        assertEquals(pc, MultiLayerConfiguration.fromJson(pc.toJson()));
        ByteArrayOutputStream pb = new ByteArrayOutputStream();
        ModelSerializer.writeModel(plain, pb, false);
        MultiLayerNetwork plainBack = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(pb.toByteArray()), false);
        assertEquals(plain.output(x), plainBack.output(x));
    }

    @Test
    void trainingReducesLossAndMovesRunningStats() {
        MultiLayerNetwork net = mixed();
        Nd4j.getRandom().setSeed(22);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 49), y = oneHot(16, 3);
        INDArray var0 = net.getLayer(1).getParam("var0").dup();
        net.fit(x, y);
        double first = net.score();
        for (int i = 0; i < 30; i++) net.fit(x, y);
        assertTrue(net.score() < first, "loss " + first + " -> " + net.score());
        assertNotEquals(var0, net.getLayer(1).getParam("var0"));
    }

    // ------------------------------------------------------------------ oneDNN helpers

    @Test
    void oneDnnHelperRunsInsideExpandedConvAndAgrees() {
        String key = "org.eclipse.deeplearning4j.helpers.disable";
        String prev = System.getProperty(key);
        try {
            ExpandedConv2D l = new ExpandedConv2D(3, 8, new int[]{3}, 3, 2, 1, 1, true, true, false, new int[]{1}, 1)
                    .activation(Activation.RELU);
            MultiLayerNetwork off = ExpandTestNets.single(l, DataType.FLOAT, InputType.convolutional(12, 12, 3), 8);
            System.setProperty(key, "false");
            assumeTrue(org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled(), "oneDNN not available");
            MultiLayerNetwork on = ExpandTestNets.single(l.clone(), DataType.FLOAT, InputType.convolutional(12, 12, 3), 8);
            var sub = ((ExpandedLayerImpl) on.getLayer(0)).linearSubLayers().get(0);
            assertNotNull(sub.getHelper(), "the oneDNN conv helper should be active (shim org.nd4j.nativeblas.Nd4jCpu)");
            assertEquals("MKLDNNConvHelper", sub.getHelper().getClass().getSimpleName());
            assertNull(((ExpandedLayerImpl) off.getLayer(0)).linearSubLayers().get(0).getHelper());
            Nd4j.getRandom().setSeed(40);
            INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 12, 12);
            INDArray y = Nd4j.randn(DataType.FLOAT, on.output(x).shape());
            on.fit(x, y);
            off.fit(x, y);
            assertTrue(on.params().sub(off.params()).amaxNumber().doubleValue() < 1e-4, "helper vs built-in training step");
            MultiLayerNetwork plain = Collapse.collapse(on);
            assertTrue(on.output(x).sub(plain.output(x)).amaxNumber().doubleValue() < 1e-4);
        } finally {
            if (prev == null) System.clearProperty(key);
            else System.setProperty(key, prev);
        }
    }

    // ------------------------------------------------------------------ fast paths vs DL4J's own layers

    /**
     * A depth-1 expanded layer runs its own backward (dense from the stored input, ReLU as ε·step(z), conv through
     * the helper, no input gradient in the first layer); with the same parameters it must give DL4J's plain layer's
     * loss and gradients. Dense in double; conv in float with the oneDNN helpers on, so the helper path is the one run.
     */
    @Test
    void depthOneLayersGiveDl4jLayersGradients() {
        MultiLayerConfiguration dense = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(7).nOut(6).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build())
                .setInputType(InputType.feedForward(7)).build();
        Nd4j.getRandom().setSeed(31);
        assertSameGradients(dense, Nd4j.randn(DataType.DOUBLE, 9, 7), 1e-12);
    }

    @Test
    void depthOneConvWithOneDnnHelperGivesDl4jGradients() {
        String key = "org.eclipse.deeplearning4j.helpers.disable";
        String prev = System.getProperty(key);
        try {
            System.setProperty(key, "false");
            assumeTrue(org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled(), "oneDNN not available");
            MultiLayerConfiguration conv = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.FLOAT)
                    .updater(new NoOp()).list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.RELU).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).stride(2, 2).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(3).build())
                    .setInputType(InputType.convolutional(9, 9, 2)).build();
            Nd4j.getRandom().setSeed(32);
            MultiLayerNetwork e = assertSameGradients(conv, Nd4j.randn(DataType.FLOAT, 4, 2, 9, 9), 1e-5);
            assertEquals("MKLDNNConvHelper", ((ExpandedLayerImpl) e.getLayer(1)).linearSubLayers().get(0).getHelper()
                    .getClass().getSimpleName(), "the helper backward must be the path under test");
        } finally {
            if (prev == null) System.clearProperty(key);
            else System.setProperty(key, prev);
        }
    }

    /** Plain net vs the same net with every layer a depth-1 expanded one, same parameters: same score and gradients. */
    private static MultiLayerNetwork assertSameGradients(MultiLayerConfiguration plainConf, INDArray x, double tol) {
        MultiLayerNetwork plain = new MultiLayerNetwork(plainConf);
        plain.init();
        MultiLayerConfiguration ec = Expand.expand(plainConf, ExpandOptions.of(1, 1.0));
        assertFalse(((ExpandedLayer) ec.getConf(0).getLayer()).isInputGradient(), "first layer: no input gradient");
        assertTrue(((ExpandedLayer) ec.getConf(1).getLayer()).isInputGradient());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(ec.toJson());
        assertEquals(ec, back);
        assertFalse(((ExpandedLayer) back.getConf(0).getLayer()).isInputGradient(), "the flag survives JSON");
        MultiLayerNetwork exp = new MultiLayerNetwork(ec);
        exp.init();
        for (int i = 0; i < plain.getnLayers(); i++)
            for (Map.Entry<String, INDArray> en : plain.getLayer(i).paramTable().entrySet())
                exp.getLayer(i).setParam(exp.getLayer(i) instanceof ExpandedLayerImpl ? en.getKey() + "0" : en.getKey(), en.getValue());
        assertEquals(plain.params(), exp.params());
        INDArray y = oneHot((int) x.size(0), 3).castTo(x.dataType());
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{plain, exp}) {
            n.setInput(x);
            n.setLabels(y);
            n.computeGradientAndScore();
        }
        assertEquals(plain.score(), exp.score(), tol * Math.abs(plain.score()));
        INDArray gp = plain.gradient().gradient(), ge = exp.gradient().gradient();
        double err = gp.sub(ge).amaxNumber().doubleValue() / Math.max(1e-30, gp.amaxNumber().doubleValue());
        assertTrue(err <= tol, "relative gradient difference " + err);
        return exp;
    }

    // ------------------------------------------------------------------ errors

    @Test
    void invalidConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ExpandedDense(8, 4, 1, 2, true, false, true, new int[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedDense(8, 8, 0, 2, true));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedDense(8, 8, -1, 2, true));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedDense(8, 8, 0.01, 2, true));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedDense(8, 8, 1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedDense(8, 8, 1, 2, true, false, true, new int[]{0}));
        // width ≠ 1 with an inner residual edge: nodes of size 16 and 8
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExpandedDense(8, 8, 2, 4, true, false, true, new int[]{2}));
        assertTrue(e.getMessage().contains("residual edge"), e.getMessage());
        // width ≠ 1 with only the input→output edge is fine (official rule)
        new ExpandedDense(8, 8, 2, 4, true, false, true, new int[]{-1});
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> new ExpandedConv2D(8, 8, new int[]{3, 1, 1}, 2, 1, 1, 1, true, false, false, new int[]{1}, 1));
        assertTrue(k.getMessage().contains("kernelSizes") && k.getMessage().contains("depth = 2"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExpandedConv2D(8, 8, new int[]{3}, -1, 1, 1, 1, true, false, false, new int[]{1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedConv2D(8, 8, new int[]{0, 1}, 0, 1, 1, 1, true, false, false, new int[]{1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedConv2D(8, 8, 3, 2, 0, 1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedConv2D(8, 4, new int[]{3}, 2, 1, 1, 1, true, false, true, new int[]{1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedConv2D(8, 8, new int[]{2, 1}, 0, 1, 1, 1, true, false, true, new int[]{1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExpandedConv2D(8, 8, new int[]{3}, 2, 1, 2, 1, true, false, true, new int[]{1}, 2));
        // input too small for the kernel
        assertThrows(IllegalArgumentException.class, () -> ExpandTestNets.single(
                new ExpandedConv2D(1, 2, new int[]{5, 5}, 0, 1, 0, 1, true, false, false, new int[]{1}, 1),
                DataType.DOUBLE, InputType.convolutional(6, 6, 1), 1));
    }
}
