package org.lowrank.models;

import org.lowrank.random.Nd4jSeed;
import java.util.Arrays;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A ResNet with basic blocks (He et al. 2016) as a DL4J {@link ComputationGraph}: stem conv–BN–ReLU (and max pool),
 * stages of residual blocks {@code conv3×3–BN–ReLU–conv3×3–BN (+ shortcut) – ReLU}, the first block of every stage
 * after the first with stride 2 and a 1×1 conv–BN projection shortcut, global average pooling ({@link #EMBEDDING},
 * the penultimate embedding) and a softmax classifier ({@link #OUTPUT}).
 *
 * <p>Every convolution is a plain {@code ConvolutionLayer} without bias (BN follows), square, NCHW, in
 * {@code Truncate} mode with explicit padding, so that {@code org.lowrank.expand.Expand} can expand each of them
 * (including the stride-2 and 1×1 ones) and {@code Collapse} fold them back; residual additions are graph vertices
 * and are left as they are.
 *
 * @param blocks     residual blocks per stage ({2,2,2,2} is ResNet-18, {1,1,1,1} ResNet-10)
 * @param widths     channels per stage
 * @param stemWidth  channels of the stem convolution
 * @param stemKernel stem kernel size (odd; 7 for ImageNet, 3 for small images)
 * @param stemStride stem stride (2 for ImageNet, 1 for small images)
 * @param stemPool   a 3×3 stride-2 max pool after the stem (ImageNet)
 * @param channels   input channels
 * @param height     input height
 * @param width      input width
 * @param numClasses classes of the softmax output
 */
public record ResNet(int[] blocks, int[] widths, int stemWidth, int stemKernel, int stemStride, boolean stemPool,
                     int channels, int height, int width, int numClasses) {

    /** Vertex name of the graph input. */
    public static final String INPUT = "input";
    /** Vertex name of the global average pool: the penultimate embedding. */
    public static final String EMBEDDING = "pool";
    /** Vertex name of the softmax output layer. */
    public static final String OUTPUT = "out";

    /** Validates and copies. */
    public ResNet {
        if (blocks == null || widths == null || blocks.length == 0 || blocks.length != widths.length)
            throw new IllegalArgumentException("blocks = " + Arrays.toString(blocks) + ", widths = " + Arrays.toString(widths)
                    + "; allowed: non-empty arrays of equal length");
        for (int b : blocks) if (b < 1) throw new IllegalArgumentException("blocks = " + Arrays.toString(blocks) + "; allowed: entries >= 1");
        for (int w : widths) if (w < 1) throw new IllegalArgumentException("widths = " + Arrays.toString(widths) + "; allowed: entries >= 1");
        if (stemWidth < 1) throw new IllegalArgumentException("stemWidth = " + stemWidth + "; allowed: >= 1");
        if (stemKernel < 1 || stemKernel % 2 == 0) throw new IllegalArgumentException("stemKernel = " + stemKernel + "; allowed: odd >= 1");
        if (stemStride < 1) throw new IllegalArgumentException("stemStride = " + stemStride + "; allowed: >= 1");
        if (channels < 1 || height < 1 || width < 1)
            throw new IllegalArgumentException("input " + channels + "x" + height + "x" + width + "; allowed: all >= 1");
        if (numClasses < 2) throw new IllegalArgumentException("numClasses = " + numClasses + "; allowed: >= 2");
        blocks = blocks.clone();
        widths = widths.clone();
    }

    @Override public int[] blocks() { return blocks.clone(); }
    @Override public int[] widths() { return widths.clone(); }

    /** ResNet-18: blocks {2,2,2,2}, widths 64–512, 7×7/2 stem with max pool (ImageNet layout, e.g. 3×224×224). */
    public static ResNet resNet18(int numClasses, int channels, int height, int width) {
        return new ResNet(new int[]{2, 2, 2, 2}, new int[]{64, 128, 256, 512}, 64, 7, 2, true, channels, height, width, numClasses);
    }

    /** ResNet-10: as ResNet-18 with one block per stage. */
    public static ResNet resNet10(int numClasses, int channels, int height, int width) {
        return new ResNet(new int[]{1, 1, 1, 1}, new int[]{64, 128, 256, 512}, 64, 7, 2, true, channels, height, width, numClasses);
    }

    /**
     * A small ResNet for small images (CIFAR-style): 3×3/1 stem of {@code widths[0]} channels, no max pool, one
     * block per stage with the given widths (stride 2 from the second stage on).
     */
    public static ResNet small(int numClasses, int channels, int height, int width, int... widths) {
        int[] b = new int[widths.length];
        Arrays.fill(b, 1);
        return new ResNet(b, widths, widths.length == 0 ? 1 : widths[0], 3, 1, false, channels, height, width, numClasses);
    }

    /** Width of the penultimate embedding (channels of the last stage). */
    public int embeddingWidth() { return widths[widths.length - 1]; }

    /**
     * The graph configuration.
     *
     * @param seed        parameter-initialisation seed
     * @param updater     the optimizer of every layer (e.g. {@code new Nesterovs(0.05, 0.9)})
     * @param weightDecay weight decay on weights (0: none)
     * @param dataType    FLOAT for training, DOUBLE for exact checks
     */
    public ComputationGraphConfiguration configuration(long seed, IUpdater updater, double weightDecay, DataType dataType) {
        if (updater == null) throw new IllegalArgumentException("updater is null; allowed: an IUpdater such as new Sgd(0.1)");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("weightDecay = " + weightDecay + "; allowed: finite >= 0");
        if (dataType == null || !dataType.isFPType())
            throw new IllegalArgumentException("dataType = " + dataType + "; allowed: FLOAT, DOUBLE, HALF");
        NeuralNetConfiguration.Builder nb = new NeuralNetConfiguration.Builder().seed(Nd4jSeed.of(seed)).dataType(dataType)
                .updater(updater).weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate);
        if (weightDecay > 0) nb.weightDecay(weightDecay, true);
        ComputationGraphConfiguration.GraphBuilder g = nb.graphBuilder().addInputs(INPUT)
                .setInputTypes(InputType.convolutional(height, width, channels));

        String last = convBn(g, "stem", INPUT, channels, stemWidth, stemKernel, stemStride);
        g.addLayer("stem_relu", new ActivationLayer(Activation.RELU), last);
        last = "stem_relu";
        if (stemPool) {
            g.addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                    .padding(1, 1).build(), last);
            last = "stem_pool";
        }
        int in = stemWidth;
        for (int s = 0; s < widths.length; s++) {
            for (int b = 0; b < blocks[s]; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                String p = "s" + (s + 1) + "b" + (b + 1) + "_";
                String c1 = convBn(g, p + "conv1", last, in, widths[s], 3, stride);
                g.addLayer(p + "relu1", new ActivationLayer(Activation.RELU), c1);
                String c2 = convBn(g, p + "conv2", p + "relu1", widths[s], widths[s], 3, 1);
                String shortcut = last;
                if (stride != 1 || in != widths[s]) shortcut = convBn(g, p + "down", last, in, widths[s], 1, stride);
                g.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), c2, shortcut);
                g.addLayer(p + "relu", new ActivationLayer(Activation.RELU), p + "add");
                last = p + "relu";
                in = widths[s];
            }
        }
        g.addLayer(EMBEDDING, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).nIn(in).nOut(numClasses).build(), EMBEDDING);
        return g.setOutputs(OUTPUT).build();
    }

    /** An initialised network ({@link #configuration}). */
    public ComputationGraph network(long seed, IUpdater updater, double weightDecay, DataType dataType) {
        ComputationGraph net = new ComputationGraph(configuration(seed, updater, weightDecay, dataType));
        net.init();
        return net;
    }

    /** conv (no bias, identity activation) + BN; returns the BN vertex name. */
    private static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int nIn, int nOut,
                                 int k, int stride) {
        g.addLayer(name, new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(k / 2, k / 2).nIn(nIn).nOut(nOut)
                .hasBias(false).activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().nOut(nOut).build(), name);
        return name + "_bn";
    }

    @Override
    public String toString() {
        return "ResNet(blocks " + Arrays.toString(blocks) + ", widths " + Arrays.toString(widths) + ", stem " + stemWidth + " "
                + stemKernel + "x" + stemKernel + "/" + stemStride + (stemPool ? " + max pool" : "") + ", input " + channels + "x"
                + height + "x" + width + ", " + numClasses + " classes)";
    }
}
