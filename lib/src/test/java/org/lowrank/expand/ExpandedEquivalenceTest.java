package org.lowrank.expand;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official library's equivalence grid (docs/reproduction-notes.md §4): after one training step (which moves the batch-norm
 * running statistics), the expanded layer in inference mode and the collapsed plain network give the same outputs.
 */
class ExpandedEquivalenceTest {
    static final int[][] INTERVALS = {{1}, {2}, {4}, {-1}, {1, 2}, {2, -1}, {1, 2, 3}, {1, 2, 4, -1}};
    static final int[] DEPTHS = {1, 2, 4, 8, 16};
    static final double[] WIDTHS = {0.5, 1, 4};
    /** Kernel sizes of the conv grid: a single int means [k] + [1]·(depth − 1) with depth 2. */
    static final int[][] KERNELS = {{1}, {5}, null, {1, 3}, {3, 1}, {5, 3, 1}, {1, 3, 5},
            {3, 3, 3, 3, 3, 3, 3, 3}, {3, 1, 1, 1, 1, 1, 1, 1}};

    /** bn × residual × intervals × bias; residual only at width 1, non-residual only with interval 1. */
    static List<Object[]> commonGrid(double[] widths) {
        List<Object[]> out = new ArrayList<>();
        for (boolean bn : new boolean[]{false, true})
            for (boolean res : new boolean[]{false, true})
                for (int[] iv : INTERVALS)
                    for (boolean bias : new boolean[]{false, true})
                        for (double w : widths) {
                            if (res && w != 1) continue;
                            if (!res && !Arrays.equals(iv, new int[]{1})) continue;
                            out.add(new Object[]{bn, res, iv, bias, w});
                        }
        return out;
    }

    static Stream<Arguments> denseGrid() {
        List<Arguments> out = new ArrayList<>();
        for (Object[] c : commonGrid(WIDTHS))
            for (int d : DEPTHS) out.add(Arguments.of(c[0], c[1], c[2], c[3], d, c[4]));
        return out.stream();
    }

    static Stream<Arguments> convGrid() {
        List<Arguments> out = new ArrayList<>();
        for (int stride : new int[]{1, 2})
            for (int[] k : KERNELS)
                for (Object[] c : commonGrid(WIDTHS))
                    out.add(Arguments.of(stride, k == null ? "[3]" : (k.length == 1 ? "" + k[0] : Arrays.toString(k)),
                            c[0], c[1], c[2], c[3], c[4]));
        return out.stream();
    }

    /**
     * max |a − b| / max(1, max |a|): absolute for O(1) outputs, relative where deep residual chains reach large
     * magnitudes (the official test's allclose has rtol 1e-5 on top of atol for the same reason).
     */
    @org.junit.jupiter.api.Test
    void gridHasTheOfficialSizes() {
        assertEquals(220, denseGrid().count());
        assertEquals(160, denseGrid().filter(a -> (Boolean) a.get()[1]).count());
        assertEquals(792, convGrid().count());
    }

    static double maxScaledDiff(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        double scale = Math.max(1.0, a.amaxNumber().doubleValue());
        double abs = a.sub(b).amaxNumber().doubleValue();
        if (a.dataType() == DataType.DOUBLE) {
            worstAbs = Math.max(worstAbs, abs);
            if (scale == 1.0) worstAbsUnitScale = Math.max(worstAbsUnitScale, abs);
            largestOutput = Math.max(largestOutput, scale);
        }
        return abs / scale;
    }

    static double check(MultiLayerNetwork net, INDArray x, INDArray y, boolean convExpected) {
        // Train-mode warm-up (batch statistics; DL4J moves the running statistics in the update). Without batch
        // norm there is no state to move, so the grid skips the step there to stay fast.
        boolean bn = ((ExpandedLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).isBatchNorm();
        if (bn) {
            net.fit(x, y);
            assertTrue(net.getLayer(0).getParam("mean0").amaxNumber().doubleValue() > 0, "running mean moved");
        }
        INDArray expanded = net.output(x, false);       // inference: running stats
        MultiLayerNetwork plain = Collapse.collapse(net);
        if (convExpected) assertInstanceOf(ConvolutionLayer.class, plain.getLayerWiseConfigurations().getConf(0).getLayer());
        else assertInstanceOf(DenseLayer.class, plain.getLayerWiseConfigurations().getConf(0).getLayer());
        return maxScaledDiff(expanded, plain.output(x, false));
    }

    static double worstDense = 0, worstConv = 0, worstFloat = 0, worstBorder = 0;
    static double worstAbs = 0, worstAbsUnitScale = 0, largestOutput = 0;

    @ParameterizedTest(name = "bn={0} res={1} iv={2} bias={3} depth={4} width={5}")
    @MethodSource("denseGrid")
    void denseGridDouble(boolean bn, boolean res, int[] iv, boolean bias, int depth, double width) {
        ExpandedDense l = new ExpandedDense(32, 32, width, depth, bias, bn, res, iv);
        MultiLayerNetwork net = ExpandTestNets.single(l, DataType.DOUBLE, InputType.feedForward(32), 0);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 32), y = Nd4j.randn(DataType.DOUBLE, 16, 32);
        double err = check(net, x, y, false);
        worstDense = Math.max(worstDense, err);
        assertTrue(err < 1e-10, "max |expanded − collapsed| / max(1, max |expanded|) = " + err);
    }

    static int[] kernelArg(String k) {
        if (k.startsWith("[")) return Arrays.stream(k.substring(1, k.length() - 1).split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        return new int[]{Integer.parseInt(k)};
    }

    static ExpandedConv2D convOf(int stride, String k, boolean bn, boolean res, int[] iv, boolean bias, double width) {
        int[] ks = kernelArg(k);
        boolean isInt = !k.startsWith("[");
        int[] full = isInt ? new int[]{ks[0], 1} : ks;
        return new ExpandedConv2D(8, 8, isInt ? ks : ks, isInt ? 2 : 0, stride, ExpandedConv2D.samePadding(full), width,
                bias, bn, res, iv, 1);
    }

    @ParameterizedTest(name = "stride={0} k={1} bn={2} res={3} iv={4} bias={5} width={6}")
    @MethodSource("convGrid")
    void convGridDouble(int stride, String k, boolean bn, boolean res, int[] iv, boolean bias, double width) {
        ExpandedConv2D l = convOf(stride, k, bn, res, iv, bias, width);
        MultiLayerNetwork net = ExpandTestNets.single(l, DataType.DOUBLE, InputType.convolutional(32, 32, 8), 0);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 1, 8, 32, 32);
        INDArray y = Nd4j.randn(DataType.DOUBLE, net.output(x).shape());
        double err = check(net, x, y, true);
        worstConv = Math.max(worstConv, err);
        assertEquals(l.effectiveKernel(), Arrays.stream(l.getKernelSizes()).sum() - l.getDepth() + 1);
        assertTrue(err < 1e-10, "max |expanded − collapsed| / max(1, max |expanded|) = " + err);
    }

    static Stream<Arguments> floatSubset() {
        List<Arguments> out = new ArrayList<>();
        for (boolean bn : new boolean[]{false, true})
            for (int d : new int[]{1, 2, 4})
                for (boolean res : new boolean[]{false, true}) out.add(Arguments.of(bn, d, res));
        return out.stream();
    }

    @ParameterizedTest(name = "float bn={0} depth={1} residual={2}")
    @MethodSource("floatSubset")
    void floatSubsetDenseAndConv(boolean bn, int depth, boolean res) {
        int[] iv = {1, -1};
        MultiLayerNetwork dn = ExpandTestNets.single(new ExpandedDense(32, 32, 1, depth, true, bn, res, iv),
                DataType.FLOAT, InputType.feedForward(32), 0);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 32);
        double e1 = check(dn, x, Nd4j.randn(DataType.FLOAT, 16, 32), false);
        assertTrue(e1 < 1e-5, "dense float error " + e1);
        int[] ks = new int[depth];
        Arrays.fill(ks, 1);
        ks[0] = 3;
        MultiLayerNetwork cn = ExpandTestNets.single(new ExpandedConv2D(8, 8, ks, 0, 2, 1, 1, true, bn, res, iv, 1),
                DataType.FLOAT, InputType.convolutional(32, 32, 8), 0);
        INDArray xc = Nd4j.randn(DataType.FLOAT, 1, 8, 32, 32);
        double e2 = check(cn, xc, Nd4j.randn(DataType.FLOAT, cn.output(xc).shape()), true);
        assertTrue(e2 < 1e-5, "conv float error " + e2);
        worstFloat = Math.max(worstFloat, Math.max(e1, e2));
    }

    /** Padding and border cases beyond the grid: valid/over-padding, odd and non-square inputs, dilation. */
    @ParameterizedTest(name = "kernels={0} stride={1} padding={2} dilation={3} residual={4} input={5}x{6}")
    @org.junit.jupiter.params.provider.CsvSource({
            "3 1,1,0,1,false,9,9", "3 1,1,3,1,false,9,9", "1 1 3,2,0,1,true,7,7", "3 1,2,1,1,true,7,7",
            "5 3 1,2,3,1,true,9,13", "3 3,2,1,1,true,10,7", "1 3,3,2,1,true,11,11", "3 1,1,2,2,false,9,9",
            "3 3,2,4,2,false,12,9", "5 1 3,1,0,3,false,20,20", "3,2,1,1,true,7,7", "1,1,0,1,true,5,5",
            "3 1,1,5,1,true,6,6"})
    void borderAndPaddingCases(String kernels, int stride, int padding, int dilation, boolean res, int h, int w) {
        int[] ks = Arrays.stream(kernels.split(" ")).mapToInt(Integer::parseInt).toArray();
        for (boolean bn : new boolean[]{false, true}) {
            ExpandedConv2D l = new ExpandedConv2D(3, 3, ks, 0, stride, padding, 1, true, bn, res, new int[]{1, 2, -1}, dilation);
            MultiLayerNetwork net = ExpandTestNets.single(l, DataType.DOUBLE, InputType.convolutional(h, w, 3), 0);
            Nd4j.getRandom().setSeed(2);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, h, w);
            INDArray out = net.output(x);
            assertEquals(l.nodeSpatial(l.getDepth(), h), out.size(2));
            assertEquals(l.nodeSpatial(l.getDepth(), w), out.size(3));
            double err = check(net, x, Nd4j.randn(DataType.DOUBLE, out.shape()), true);
            assertTrue(err < 1e-10, "error " + err);
            worstBorder = Math.max(worstBorder, err);
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("[expand] worst |expanded - collapsed| / max(1, max|expanded|): dense=" + worstDense + " conv=" + worstConv
                + " border=" + worstBorder + " float=" + worstFloat + "; double: max abs " + worstAbs
                + " (largest |output| " + largestOutput + "), max abs where |output| <= 1: " + worstAbsUnitScale);
    }
}
