package org.lowrank.expand;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * Expanded dense layer (official {@code OverparamLinear}): nIn → h → … → h → nOut with h = int(nOut·width),
 * {@code depth} factors and no non-linearity between them, then this layer's activation (identity unless set).
 * Depth 1 is the plain layer with the official init. Collapses to {@code DenseLayer(nIn, nOut)}.
 *
 * <pre>{@code ExpandedDense.of(784, 256, 4).activation(Activation.RELU)
 * ExpandedDense.of(32, 32, 4).withBatchNorm(true).withResidual(2)}</pre>
 */
public class ExpandedDense extends ExpandedLayer {

    /** For JSON deserialization. */
    public ExpandedDense() { }

    /**
     * @param nIn               input features (0: inferred from the network's input type)
     * @param nOut              output features
     * @param width             hidden width factor, h = int(nOut·width) > 0
     * @param depth             number of linear factors, >= 1
     * @param bias              every factor has a bias
     * @param batchNorm         batch norm (affine, running statistics) after every factor, the last included
     * @param residual          identity skip edges (needs nIn == nOut)
     * @param residualIntervals skip from node m−n to m for every interval n (−1: input to output)
     */
    public ExpandedDense(long nIn, long nOut, double width, int depth, boolean bias, boolean batchNorm,
                         boolean residual, int[] residualIntervals) {
        setCommon(nIn, nOut, width, depth, bias, batchNorm, residual, residualIntervals);
    }

    /** Expanded dense layer without batch norm or residual edges. */
    public ExpandedDense(long nIn, long nOut, double width, int depth, boolean bias) {
        this(nIn, nOut, width, depth, bias, false, false, new int[]{1});
    }

    /**
     * {@code depth} factors nIn → … → nOut with the official defaults: width 1, bias, no batch norm, no residual
     * edges (residual interval 2 if {@link #withResidual()} is called without intervals).
     */
    public static ExpandedDense of(long nIn, long nOut, int depth) {
        return new ExpandedDense(nIn, nOut, 1.0, depth, true, false, false, new int[]{2});
    }

    /** This layer with hidden width h = int(nOut·width). */
    public ExpandedDense withWidth(double width) {
        return copyFluentTo(new ExpandedDense(nIn, nOut, width, depth, hasBias, batchNorm, residual, residualIntervals));
    }

    /** This layer with or without a bias on every factor. */
    public ExpandedDense withBias(boolean bias) {
        return copyFluentTo(new ExpandedDense(nIn, nOut, width, depth, bias, batchNorm, residual, residualIntervals));
    }

    /** This layer with or without batch norm after every factor. */
    public ExpandedDense withBatchNorm(boolean batchNorm) {
        return copyFluentTo(new ExpandedDense(nIn, nOut, width, depth, hasBias, batchNorm, residual, residualIntervals));
    }

    /** This layer with residual edges every n factors for each given n (−1: input to output; none given: the current). */
    public ExpandedDense withResidual(int... intervals) {
        return copyFluentTo(new ExpandedDense(nIn, nOut, width, depth, hasBias, batchNorm, true,
                intervals.length == 0 ? residualIntervals : intervals));
    }

    @Override
    public ExpandedDense activation(Activation a) { super.activation(a); return this; }

    @Override
    protected Layer linearConf(int i) {
        return new DenseLayer.Builder().nIn(nodeSize(i)).nOut(nodeSize(i + 1)).hasBias(hasBias)
                .activation(Activation.IDENTITY).weightInit(initOf(i)).build();
    }

    @Override
    protected KaimingNormalInit.Mode fanMode() { return KaimingNormalInit.Mode.FAN_IN; }

    @Override
    public double[] fans(int i) { return new double[]{nodeSize(i), nodeSize(i + 1)}; }

    @Override
    public Layer collapsedConf() {
        DenseLayer d = new DenseLayer.Builder().nIn(nIn).nOut(nOut).hasBias(hasBias || batchNorm)
                .weightInit(new KaimingNormalInit(negativeSlope, KaimingNormalInit.Mode.FAN_IN)).build();
        return copyCommonTo(d);
    }

    @Override
    public String toString() {
        return "ExpandedDense(" + nIn + "->" + nOut + ", width=" + width + ", depth=" + depth + ", bias=" + hasBias
                + ", batchNorm=" + batchNorm + ", residual=" + residual + ", intervals="
                + java.util.Arrays.toString(residualIntervals) + ", activation=" + activationFn + ")";
    }
}
