package org.lowrank.experiment;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.expand.ExpandedDense;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link FastMlp} against DL4J's {@code MultiLayerNetwork.fit} on the same parameters and minibatches: losses
 * (DL4J's score) at every step and all parameters after the last step agree to 1e-10 in float64 and to 1e-5
 * relative (to the largest magnitude of each array) in float32, for plain and expanded MLPs, SGD and Adam.
 */
class FastMlpTest {
    private static final int N_IN = 12, CLASSES = 5, BATCH = 16, STEPS = 6;

    static MultiLayerConfiguration mlp(DataType dt, IUpdater u, InputType input) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(dt).updater(u).list()
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build())
                .setInputType(input).build();
    }

    static MultiLayerNetwork net(MultiLayerConfiguration c, int depth) {
        MultiLayerNetwork n = new MultiLayerNetwork(depth == 0 ? c : Expand.expand(c, ExpandOptions.of(depth, 1)));
        n.init();
        return n;
    }

    static INDArray labels(DataType dt, int n, int step) {
        INDArray y = Nd4j.zeros(dt, n, CLASSES);
        for (int i = 0; i < n; i++) y.putScalar(i, (i * 3 + step) % CLASSES, 1);
        return y;
    }

    /** max |a − b| over the arrays, relative to max |a| when {@code relative}. */
    static double diff(INDArray a, INDArray b, boolean relative) {
        double d = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        return relative ? d / a.castTo(DataType.DOUBLE).amaxNumber().doubleValue() : d;
    }

    /**
     * depth 0: DL4J's DenseLayers; 1, 3: ExpandedDense of that depth. Trains a DL4J net and a FastMlp made from a clone
     * of it on the same minibatches (the last one smaller than the others) and compares.
     */
    @ParameterizedTest
    @CsvSource({"DOUBLE,sgd,0,OPENBLAS", "DOUBLE,sgd,1,OPENBLAS", "DOUBLE,sgd,3,OPENBLAS", "DOUBLE,adam,0,OPENBLAS",
            "DOUBLE,adam,3,OPENBLAS", "FLOAT,sgd,0,OPENBLAS", "FLOAT,sgd,3,OPENBLAS", "FLOAT,adam,1,OPENBLAS",
            "FLOAT,adam,3,OPENBLAS", "FLOAT,sgd,0,VECTOR", "FLOAT,sgd,3,VECTOR", "FLOAT,adam,1,VECTOR", "FLOAT,adam,3,VECTOR"})
    void matchesMultiLayerNetwork(DataType dt, String updater, int depth, FastMlp.Kernel kernel) {
        IUpdater u = updater.equals("sgd") ? new Sgd(0.1) : new Adam(0.01);
        compare(mlp(dt, u, InputType.feedForward(N_IN)), depth, false, kernel);
    }

    /** Wider layers (70 and 66 units: whole and partial 4-vector blocks of the vector kernel). */
    @ParameterizedTest
    @CsvSource({"sgd,2,VECTOR", "adam,1,VECTOR", "sgd,2,OPENBLAS"})
    void matchesMultiLayerNetworkWide(String updater, int depth, FastMlp.Kernel kernel) {
        IUpdater u = updater.equals("sgd") ? new Sgd(0.1) : new Adam(0.01);
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT).updater(u).list()
                .layer(new DenseLayer.Builder().nOut(70).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(66).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build())
                .setInputType(InputType.feedForward(N_IN)).build();
        compare(c, depth, false, kernel);
    }

    /** Notebook 08's input: images [n, 1, h, w], flattened by DL4J's CnnToFeedForwardPreProcessor. */
    @ParameterizedTest
    @CsvSource({"DOUBLE,1,OPENBLAS", "FLOAT,2,OPENBLAS", "FLOAT,2,VECTOR"})
    void flattensImagesLikeDl4j(DataType dt, int depth, FastMlp.Kernel kernel) {
        compare(mlp(dt, new Adam(0.01), InputType.convolutional(3, 4, 1)), depth, true, kernel);
    }

    /** The default kernel: VECTOR for float32 when the JVM has the incubator module (the tests run with it). */
    @Test
    void picksTheVectorKernelForFloat() {
        try (FastMlp f = FastMlp.of(net(mlp(DataType.FLOAT, new Sgd(0.1), InputType.feedForward(N_IN)), 1), 4);
             FastMlp d = FastMlp.of(net(mlp(DataType.DOUBLE, new Sgd(0.1), InputType.feedForward(N_IN)), 1), 4)) {
            assertEquals(FastMlp.Kernel.VECTOR, f.kernel());
            assertEquals(FastMlp.Kernel.OPENBLAS, d.kernel());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastMlp.of(
                net(mlp(DataType.DOUBLE, new Sgd(0.1), InputType.feedForward(N_IN)), 1), 4, FastMlp.Kernel.VECTOR));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    private static void compare(MultiLayerConfiguration conf, int depth, boolean images, FastMlp.Kernel kernel) {
        DataType dt = conf.getDataType();
        boolean f64 = dt == DataType.DOUBLE;
        MultiLayerNetwork ref = net(conf, depth);
        MultiLayerNetwork fastNet = ref.clone();
        Nd4j.getRandom().setSeed(11);
        try (FastMlp fast = FastMlp.of(fastNet, BATCH, kernel)) {
            assertEquals(kernel, fast.kernel());
            assertEquals(depth == 0 ? 3 : 2 * depth + 1, fast.factors());
            assertEquals(dt, fast.dataType());
            for (int s = 0; s < STEPS; s++) {
                int n = s == STEPS - 1 ? BATCH - 5 : BATCH;
                INDArray x = images ? Nd4j.randn(dt, n, 1, 3, 4) : Nd4j.randn(dt, n, N_IN);
                INDArray y = labels(dt, n, s);
                ref.fit(x, y);
                double expected = ref.score();
                double got = fast.step(x, y);
                double tol = f64 ? 1e-10 : 1e-5 * Math.abs(expected);
                assertEquals(expected, got, tol, "loss at step " + s);
            }
            assertEquals(STEPS, fast.iteration());
            fast.copyParamsTo(fastNet);
        }
        Map<String, INDArray> want = ref.paramTable(), got = fastNet.paramTable();
        assertEquals(want.keySet(), got.keySet());
        for (String k : want.keySet()) {
            double d = diff(want.get(k), got.get(k), !f64);
            assertTrue(d <= (f64 ? 1e-10 : 1e-5), k + ": differs by " + d + (f64 ? "" : " (relative)"));
        }
        // training moved every array (the comparison is not of untouched initial values)
        MultiLayerNetwork init = net(conf, depth);
        for (String k : want.keySet())
            assertTrue(diff(init.paramTable().get(k), want.get(k), false) > 1e-4, k + " did not move");
    }

    @Test
    void copiesParametersBothWays() {
        MultiLayerNetwork a = net(mlp(DataType.DOUBLE, new Sgd(0.1), InputType.feedForward(N_IN)), 2);
        MultiLayerNetwork b = net(mlp(DataType.DOUBLE, new Sgd(0.1), InputType.feedForward(N_IN)), 2);
        b.params().addi(1.0);
        try (FastMlp f = FastMlp.of(a, 4)) {
            f.copyParamsTo(b);
        }
        assertEquals(0.0, diff(a.params(), b.params(), false));
    }

    @Test
    void rejectsWhatItDoesNotImplement() {
        InputType in = InputType.feedForward(N_IN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastMlp.of(net(mlp(DataType.DOUBLE,
                new Nesterovs(0.1, 0.9), in), 0), 4));
        assertTrue(e.getMessage().contains("Nesterovs"), e.getMessage());
        MultiLayerConfiguration tanh = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build())
                .setInputType(in).build();
        e = assertThrows(IllegalArgumentException.class, () -> FastMlp.of(net(tanh, 0), 4));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("activation"), e.getMessage());
        MultiLayerConfiguration mse = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(CLASSES).build())
                .setInputType(in).build();
        assertThrows(IllegalArgumentException.class, () -> FastMlp.of(net(mse, 0), 4));
        MultiLayerConfiguration bn = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(ExpandedDense.of(N_IN, 10, 2).withBatchNorm(true).activation(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build())
                .setInputType(in).build();
        e = assertThrows(IllegalArgumentException.class, () -> FastMlp.of(net(bn, 0), 4));
        assertTrue(e.getMessage().contains("batch norm"), e.getMessage());
        MultiLayerNetwork ok = net(mlp(DataType.FLOAT, new Sgd(0.1), in), 0);
        try (FastMlp f = FastMlp.of(ok, 4)) {
            e = assertThrows(IllegalArgumentException.class, () -> f.step(Nd4j.randn(DataType.FLOAT, 5, N_IN), labels(DataType.FLOAT, 5, 0)));
            assertTrue(e.getMessage().contains("1..4"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> f.step(Nd4j.randn(DataType.DOUBLE, 4, N_IN), labels(DataType.DOUBLE, 4, 0)));
            assertTrue(e.getMessage().contains("FLOAT"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> f.step(Nd4j.randn(DataType.FLOAT, 4, N_IN + 1), labels(DataType.FLOAT, 4, 0)));
            assertTrue(e.getMessage().contains("takes " + N_IN), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FastMlp.of(ok, 0));
    }
}
