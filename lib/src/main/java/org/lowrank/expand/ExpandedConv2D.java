package org.lowrank.expand;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

import java.util.Arrays;

/**
 * Expanded 2-D convolution (official {@code OverparamConv2d}, NCHW, square kernels): sub-convolutions with kernel
 * sizes {@code [k, 1, …, 1]} (or an explicit list), channels nIn → h → … → nOut with h = int(nOut·width),
 * <b>padding on the first</b> sub-convolution only and <b>stride on the last</b> only, so the k×k runs at full
 * resolution (docs/reproduction-notes.md §2.5). It collapses to one {@code ConvolutionLayer} with kernel Σk − depth + 1 and the
 * original stride and padding ({@link Collapse}).
 *
 * <p><b>Dilation</b> (which the official library drops): every sub-convolution uses the same dilation; the
 * composition of equally dilated kernels is the dilated composed kernel, so the collapsed layer keeps the dilation.
 * <b>Groups</b> are not offered: DL4J's {@code ConvolutionLayer} has no groups (grouped convolutions are the separate
 * {@code DepthwiseConvolution2D}/{@code SeparableConvolution2D} classes, which {@link Expand} leaves unexpanded).
 *
 * <p><b>Residual edges</b> add the identity as a Dirac kernel: node m receives node s at offset (k_m − k_s)/2 and
 * node m's stride (k_m = receptive size of node m relative to the padded input, k_0 = 2·padding + 1). This is
 * exactly what collapses to a Dirac in the folded kernel. On the official test grid (32×32 inputs) it equals the
 * official centre-crop / nearest-downsample / zero-pad identity on every edge the grid uses (checked against a torch
 * re-typing of {@code conv2d_identity}); on odd input sizes with stride 2, and on some long strided edges, the
 * official identity is not a convolution and so cannot collapse, while this one always does. It needs odd kernel
 * sizes and dilation 1.
 */
public class ExpandedConv2D extends ExpandedLayer {
    protected int[] kernelSizes = {3, 1};
    protected int stride = 1;
    protected int padding = 1;
    protected int dilation = 1;

    /** For JSON deserialization. */
    public ExpandedConv2D() { }

    /**
     * @param nIn               input channels (0: inferred from the input type)
     * @param nOut              output channels
     * @param kernelSizes       one size k (expanded to [k, 1, …, 1] of length depth) or the explicit list
     * @param depth             number of sub-convolutions; 0 = the list's length; a list of length > 1 must match it
     * @param stride            stride, applied by the last sub-convolution
     * @param padding           zero padding, applied by the first sub-convolution
     * @param width             hidden channel factor, h = int(nOut·width)
     * @param bias              every sub-convolution has a bias
     * @param batchNorm         batch norm after every sub-convolution
     * @param residual          identity skip edges (needs nIn == nOut, odd kernels, dilation 1)
     * @param residualIntervals skip from node m−n to m for every interval n (−1: input to output)
     * @param dilation          dilation of every sub-convolution (>= 1)
     */
    public ExpandedConv2D(long nIn, long nOut, int[] kernelSizes, int depth, int stride, int padding, double width,
                          boolean bias, boolean batchNorm, boolean residual, int[] residualIntervals, int dilation) {
        if (kernelSizes == null || kernelSizes.length == 0)
            throw new IllegalArgumentException("kernelSizes = " + Arrays.toString(kernelSizes) + "; allowed: one size or a non-empty list");
        for (int k : kernelSizes)
            if (k < 1) throw new IllegalArgumentException("kernelSizes contains " + k + "; allowed: sizes >= 1");
        if (depth < 0) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1, or 0 with a kernel list");
        int[] ks;
        if (kernelSizes.length == 1 && depth >= 1) {
            ks = new int[depth];
            Arrays.fill(ks, 1);
            ks[0] = kernelSizes[0];
        } else if (depth == 0 || depth == kernelSizes.length) {
            ks = kernelSizes.clone();
        } else {
            throw new IllegalArgumentException("kernelSizes = " + Arrays.toString(kernelSizes) + " has length "
                    + kernelSizes.length + " but depth = " + depth + "; allowed: depth = 0 or the list's length, or a single size");
        }
        if (stride < 1) throw new IllegalArgumentException("stride = " + stride + "; allowed: >= 1");
        if (padding < 0) throw new IllegalArgumentException("padding = " + padding + "; allowed: >= 0");
        if (dilation < 1) throw new IllegalArgumentException("dilation = " + dilation + "; allowed: >= 1");
        this.kernelSizes = ks;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        if (residual) {
            if (dilation != 1) throw new IllegalArgumentException("residual = true with dilation = " + dilation + "; allowed: dilation 1");
            for (int k : ks) if (k % 2 == 0)
                throw new IllegalArgumentException("residual = true with kernelSizes = " + Arrays.toString(ks) + "; allowed: odd sizes only");
        }
        setCommon(nIn, nOut, width, ks.length, bias, batchNorm, residual, residualIntervals);
    }

    /** Kernel size k expanded to [k, 1, …, 1] of the given depth, no batch norm or residual, dilation 1. */
    public ExpandedConv2D(long nIn, long nOut, int k, int depth, int stride, int padding, double width, boolean bias) {
        this(nIn, nOut, new int[]{k}, depth, stride, padding, width, bias, false, false, new int[]{1}, 1);
    }

    /**
     * Kernel {@code k} expanded to [k, 1, …, 1] of length {@code depth}, with the defaults: stride 1, 'same' padding,
     * width 1, bias, no batch norm or residual edges, dilation 1.
     */
    public static ExpandedConv2D of(long nIn, long nOut, int k, int depth) {
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
        return new ExpandedConv2D(nIn, nOut, new int[]{k}, depth, 1, samePadding(k), 1.0, true, false, false, new int[]{2}, 1);
    }

    /** An explicit kernel list (its length is the depth), with the defaults of {@link #of(long, long, int, int)}. */
    public static ExpandedConv2D ofKernels(long nIn, long nOut, int... kernelSizes) {
        if (kernelSizes == null || kernelSizes.length == 0)
            throw new IllegalArgumentException("kernelSizes is empty; allowed: a non-empty list of sizes >= 1");
        return new ExpandedConv2D(nIn, nOut, kernelSizes, kernelSizes.length, 1, samePadding(kernelSizes), 1.0, true,
                false, false, new int[]{2}, 1);
    }

    private ExpandedConv2D rebuild(int stride, int padding, double width, boolean bias, boolean batchNorm,
                                   boolean residual, int[] intervals, int dilation) {
        return copyFluentTo(new ExpandedConv2D(nIn, nOut, kernelSizes, kernelSizes.length, stride, padding, width, bias,
                batchNorm, residual, intervals, dilation));
    }

    /** This layer with stride {@code s} (applied by the last sub-convolution). */
    public ExpandedConv2D withStride(int s) { return rebuild(s, padding, width, hasBias, batchNorm, residual, residualIntervals, dilation); }

    /** This layer with zero padding {@code p} (applied by the first sub-convolution). */
    public ExpandedConv2D withPadding(int p) { return rebuild(stride, p, width, hasBias, batchNorm, residual, residualIntervals, dilation); }

    /** This layer with hidden channels h = int(nOut·width). */
    public ExpandedConv2D withWidth(double w) { return rebuild(stride, padding, w, hasBias, batchNorm, residual, residualIntervals, dilation); }

    /** This layer with or without a bias on every sub-convolution. */
    public ExpandedConv2D withBias(boolean b) { return rebuild(stride, padding, width, b, batchNorm, residual, residualIntervals, dilation); }

    /** This layer with or without batch norm after every sub-convolution. */
    public ExpandedConv2D withBatchNorm(boolean bn) { return rebuild(stride, padding, width, hasBias, bn, residual, residualIntervals, dilation); }

    /** This layer with residual edges every n sub-convolutions for each given n (−1: input to output). */
    public ExpandedConv2D withResidual(int... intervals) {
        return rebuild(stride, padding, width, hasBias, batchNorm, true, intervals.length == 0 ? residualIntervals : intervals, dilation);
    }

    /** This layer with dilation {@code d} on every sub-convolution. */
    public ExpandedConv2D withDilation(int d) { return rebuild(stride, padding, width, hasBias, batchNorm, residual, residualIntervals, d); }

    /** The official {@code compute_same_padding}: (Σk − len + 1) / 2. */
    public static int samePadding(int... kernelSizes) {
        int s = 0;
        for (int k : kernelSizes) s += k;
        return Math.max((s - kernelSizes.length + 1) / 2, 0);
    }

    @Override
    public ExpandedConv2D activation(Activation a) { super.activation(a); return this; }

    /** Effective kernel size of the collapsed convolution, Σk − depth + 1. */
    public int effectiveKernel() { return nodeKernel(depth); }

    /** Receptive size of node m relative to the padded input (node 0: 2·padding + 1). */
    public int nodeKernel(int m) {
        if (m == 0) return 2 * padding + 1;
        int s = 0;
        for (int i = 0; i < m; i++) s += kernelSizes[i];
        return s - m + 1;
    }

    public int strideOf(int i) { return i == depth - 1 ? stride : 1; }
    public int paddingOf(int i) { return i == 0 ? padding : 0; }

    @Override
    protected Layer linearConf(int i) {
        int k = kernelSizes[i];
        return new ConvolutionLayer.Builder(k, k).stride(strideOf(i), strideOf(i)).padding(paddingOf(i), paddingOf(i))
                .dilation(dilation, dilation).convolutionMode(ConvolutionMode.Truncate)
                .nIn(nodeSize(i)).nOut(nodeSize(i + 1)).hasBias(hasBias).activation(Activation.IDENTITY)
                .weightInit(initOf(i)).build();
    }

    @Override
    protected KaimingNormalInit.Mode fanMode() { return KaimingNormalInit.Mode.FAN_OUT; }

    @Override
    public double[] fans(int i) {
        double kk = (double) kernelSizes[i] * kernelSizes[i];
        return new double[]{nodeSize(i) * kk, nodeSize(i + 1) * kk};
    }

    @Override
    public Layer collapsedConf() {
        int k = effectiveKernel();
        ConvolutionLayer c = new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(padding, padding)
                .dilation(dilation, dilation).convolutionMode(ConvolutionMode.Truncate).nIn(nIn).nOut(nOut)
                .hasBias(hasBias || batchNorm)
                .weightInit(new KaimingNormalInit(negativeSlope, KaimingNormalInit.Mode.FAN_OUT)).build();
        return copyCommonTo(c);
    }

    /** Output spatial size of node m for an input of size {@code in} along one axis. */
    public long nodeSpatial(int m, long in) {
        long h = in;
        for (int i = 0; i < m; i++) {
            h = (h + 2L * paddingOf(i) - (long) dilation * (kernelSizes[i] - 1) - 1) / strideOf(i) + 1;
        }
        return h;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c))
            throw new IllegalArgumentException("input type " + inputType + " for ExpandedConv2D " + layerName
                    + "; allowed: convolutional (NCHW)");
        long h = c.getHeight(), w = c.getWidth();
        for (int m = 1; m <= depth; m++) {
            if (nodeSpatial(m, h) < 1 || nodeSpatial(m, w) < 1)
                throw new IllegalArgumentException("input " + h + "x" + w + " too small for ExpandedConv2D " + layerName
                        + " (kernelSizes " + Arrays.toString(kernelSizes) + ", padding " + padding + ")");
        }
        return InputType.convolutional(nodeSpatial(depth, h), nodeSpatial(depth, w), nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c))
            throw new IllegalArgumentException("input type " + inputType + " for ExpandedConv2D " + layerName
                    + "; allowed: convolutional (NCHW)");
        if (nIn <= 0 || override) nIn = c.getChannels();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    public int[] getKernelSizes() { return kernelSizes.clone(); }
    public int getStride() { return stride; }
    public int getPadding() { return padding; }
    public int getDilation() { return dilation; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpandedConv2D c && super.equals(o) && Arrays.equals(c.kernelSizes, kernelSizes)
                && c.stride == stride && c.padding == padding && c.dilation == dilation;
    }

    @Override
    public int hashCode() { return super.hashCode() * 31 + Arrays.hashCode(kernelSizes) + 7 * stride + 13 * padding + 17 * dilation; }

    @Override
    public String toString() {
        return "ExpandedConv2D(" + nIn + "->" + nOut + ", kernels=" + Arrays.toString(kernelSizes) + ", stride=" + stride
                + ", padding=" + padding + ", dilation=" + dilation + ", width=" + width + ", bias=" + hasBias
                + ", batchNorm=" + batchNorm + ", residual=" + residual + ", intervals="
                + Arrays.toString(residualIntervals) + ", activation=" + activationFn + ")";
    }
}
