package org.lowrank.expand;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kaiming (He) normal initialization as PyTorch's {@code kaiming_normal_(W, a, mode, 'leaky_relu')}:
 * {@code std = gain / sqrt(fan)}, {@code gain = sqrt(2 / (1 + a^2))}. DL4J's built-in {@code WeightInit.RELU}
 * fixes the gain at sqrt(2) and the fan at fan_in, so the official library's gain 1 on inner factors and
 * fan_out on convolutions need this class (docs/reproduction-notes.md §2.4 and pitfall 6).
 *
 * <p>Note that when DL4J itself calls an {@link IWeightInit} for a {@code ConvolutionLayer} it passes
 * {@code fanOut = nOut·kh·kw / (stride product)}; the expanded layers call {@link #init} with the official fans.
 */
public class KaimingNormalInit implements IWeightInit {
    /** Which fan the standard deviation divides by. */
    public enum Mode { FAN_IN, FAN_OUT }

    private double negativeSlope;
    private Mode mode;

    /** For JSON deserialization. */
    public KaimingNormalInit() { this(0.0, Mode.FAN_IN); }

    /**
     * @param negativeSlope PyTorch's {@code a}: 1 gives gain 1 (linear), 0 gives gain sqrt(2) (ReLU follows)
     * @param mode          fan used in the standard deviation
     */
    public KaimingNormalInit(double negativeSlope, Mode mode) {
        if (mode == null) throw new IllegalArgumentException("mode is null; allowed: FAN_IN or FAN_OUT");
        this.negativeSlope = negativeSlope;
        this.mode = mode;
    }

    /** Gain sqrt(2 / (1 + a^2)). */
    public double gain() { return Math.sqrt(2.0 / (1.0 + negativeSlope * negativeSlope)); }

    /** Standard deviation for the given fans. */
    public double std(double fanIn, double fanOut) {
        double fan = mode == Mode.FAN_IN ? fanIn : fanOut;
        return gain() / Math.sqrt(fan);
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        INDArray r = Nd4j.randn(paramView.dataType(), shape).muli(std(fanIn, fanOut));
        INDArray shaped = paramView.reshape(order, shape);
        shaped.assign(r);
        return shaped;
    }

    public double getNegativeSlope() { return negativeSlope; }
    public Mode getMode() { return mode; }

    @Override public boolean equals(Object o) {
        return o instanceof KaimingNormalInit k && k.negativeSlope == negativeSlope && k.mode == mode;
    }
    @Override public int hashCode() { return Double.hashCode(negativeSlope) * 31 + mode.hashCode(); }
    @Override public String toString() { return "KaimingNormal(a=" + negativeSlope + ", " + mode + ")"; }
}
