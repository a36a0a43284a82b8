package org.lowrank.expand;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Common configuration of an expanded (linearly over-parameterized) layer: one logical DL4J layer whose inside
 * is a chain of {@code depth} linear sub-layers with no non-linearity between them (docs/reproduction-notes.md §2.5), optionally
 * batch norm after every sub-layer and residual edges, followed by this layer's activation. It collapses exactly
 * to one plain layer ({@link Collapse}).
 *
 * <p><b>Implementation choice.</b> The runtime ({@link ExpandedLayerImpl}) delegates to DL4J's own
 * {@code DenseLayer}/{@code ConvolutionLayer}/{@code BatchNormalization} implementations over views of this
 * layer's flat parameter vector, rather than one {@code SameDiffLayer} computing the product: on the team's
 * prototypes the chain of built-in layers trained about 20% faster, it lets convolutions use DL4J's oneDNN
 * helpers, and batch norm keeps DL4J's running-statistics mechanism (a SameDiffLayer has no non-trainable
 * state). The {@code expand} benchmark measures the resulting expanded/plain cost against PyTorch.
 *
 * <p>Parameter keys: {@code W<i>}, {@code b<i>} of sub-layer i (0-based), and {@code gamma<i>}, {@code beta<i>},
 * {@code mean<i>}, {@code var<i>} of its batch norm (no underscores: ComputationGraph splits keys at '_').
 *
 * <p>Initialization is always the official one ({@link ExpandedParamInitializer}); a {@code weightInit} set on the
 * network's builder is ignored for these layers. Regularization (l1/l2/weight decay) applies to every factor
 * separately, which is not the same as on the collapsed weight (docs/reproduction-notes.md pitfall 9); running statistics are never
 * regularized and are updated through DL4J's batch-norm mechanism (NoOp updater).
 *
 * <p>DL4J's configuration classes are mutable JavaBeans for Jackson; these fields are set only by the
 * constructors (and by DL4J's {@code setNIn}).
 */
public abstract class ExpandedLayer extends FeedForwardLayer {
    /** PyTorch BatchNorm's eps, hard-coded in the official collapse. */
    public static final double BN_EPS = 1e-5;
    /** DL4J decay equivalent to PyTorch momentum 0.1: running = decay·running + (1 − decay)·batch. */
    public static final double BN_DECAY = 0.9;

    protected double width = 1.0;
    protected int depth = 2;
    @JsonProperty("hasBias")   // the JSON name configurations were saved with
    protected boolean hasBias = true;
    protected boolean batchNorm;
    protected boolean residual;
    protected int[] residualIntervals = {2};
    protected double negativeSlope = 0.0;
    protected double bnEps = BN_EPS;
    protected double bnDecay = BN_DECAY;
    /**
     * Whether back-propagation computes the gradient with respect to this layer's input. False only for the first
     * layer of a network, whose input is the data (set by {@link Expand#expand(org.deeplearning4j.nn.conf.MultiLayerConfiguration,
     * ExpandOptions)}): training never uses it, and skipping it saves the largest product of an MLP step (PyTorch
     * skips it too, as the input needs no gradient). The layer then returns no input gradient (null, as DL4J's
     * embedding layers do), so {@code MultiLayerNetwork.backpropGradient} with external errors reports none.
     */
    protected boolean inputGradient = true;

    protected ExpandedLayer() { }

    /** Copies what the fluent setters and factories of subclasses set on top of the constructor's arguments. */
    protected <T extends ExpandedLayer> T copyFluentTo(T e) {
        e.activationFn = activationFn;
        e.negativeSlope = negativeSlope;
        e.layerName = layerName;
        e.bnEps = bnEps;
        e.bnDecay = bnDecay;
        e.inputGradient = inputGradient;
        return e;
    }

    protected void setCommon(long nIn, long nOut, double width, int depth, boolean bias, boolean batchNorm,
                             boolean residual, int[] residualIntervals) {
        if (nIn < 0) throw new IllegalArgumentException("nIn = " + nIn + "; allowed: >= 1 (or 0 to infer from the input type)");
        if (nOut < 1) throw new IllegalArgumentException("nOut = " + nOut + "; allowed: >= 1");
        if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("width = " + width + "; allowed: finite > 0");
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
        if ((int) (nOut * width) < 1)
            throw new IllegalArgumentException("width = " + width + " gives hidden width int(" + nOut + "·" + width
                    + ") = 0; allowed: width >= 1/nOut");
        if (residualIntervals == null || residualIntervals.length == 0)
            throw new IllegalArgumentException("residualIntervals = " + Arrays.toString(residualIntervals)
                    + "; allowed: a non-empty list of positive intervals or -1");
        for (int n : residualIntervals)
            if (n < 1 && n != -1) throw new IllegalArgumentException("residualIntervals contains " + n
                    + "; allowed: positive intervals or -1 (input to output)");
        this.nIn = nIn;
        this.nOut = nOut;
        this.width = width;
        this.depth = depth;
        this.hasBias = bias;
        this.batchNorm = batchNorm;
        this.residual = residual;
        this.residualIntervals = residualIntervals.clone();
        this.activationFn = new ActivationIdentity();
        if (nIn > 0) validateResidual();
    }

    /** Hidden width h = int(nOut·width) (follows the output size, as the official library). */
    public int hiddenWidth() { return (int) (nOut * width); }

    /** Channels / features of node i (0 = input, depth = output). */
    public long nodeSize(int i) {
        if (i == 0) return nIn;
        if (i == depth) return nOut;
        return hiddenWidth();
    }

    /** Residual intervals with -1 replaced by depth, duplicates removed (official semantics). */
    public int[] normalizedIntervals() {
        LinkedHashSet<Integer> s = new LinkedHashSet<>();
        for (int n : residualIntervals) s.add(n == -1 ? depth : n);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Residual sources of node m (1..depth): nodes m − n for every interval n dividing m; empty without residual. */
    public int[] residualSources(int m) {
        if (!residual) return new int[0];
        List<Integer> src = new ArrayList<>();
        for (int n : normalizedIntervals()) if (m % n == 0) src.add(m - n);
        return src.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Checks that every residual edge joins nodes of equal size. */
    protected void validateResidual() {
        if (!residual) return;
        if (nIn != nOut) throw new IllegalArgumentException("residual = true needs nIn == nOut, got nIn = " + nIn
                + ", nOut = " + nOut);
        for (int m = 1; m <= depth; m++)
            for (int s : residualSources(m))
                if (nodeSize(s) != nodeSize(m))
                    throw new IllegalArgumentException("residual edge " + s + "->" + m + " joins sizes " + nodeSize(s)
                            + " and " + nodeSize(m) + " (width = " + width + ", residualIntervals = "
                            + Arrays.toString(residualIntervals) + "); allowed: width = 1, or only the input->output interval");
    }

    /** Validation once nIn is known. */
    public void validate() {
        if (nIn < 1) throw new IllegalArgumentException("nIn = " + nIn + " for layer " + layerName
                + "; allowed: >= 1 (set it or give the network an input type)");
        validateResidual();
    }

    /** The linear sub-layer i (0-based) as a plain DL4J layer configuration with identity activation. */
    protected abstract Layer linearConf(int i);

    /** Official init of sub-layer i: Kaiming normal with gain 1 inside and sqrt(2/(1+a^2)) on the last. */
    public KaimingNormalInit initOf(int i) {
        return new KaimingNormalInit(i == depth - 1 ? negativeSlope : 1.0, fanMode());
    }

    protected abstract KaimingNormalInit.Mode fanMode();

    /** Fans (fanIn, fanOut) of sub-layer i as PyTorch computes them. */
    public abstract double[] fans(int i);

    /** The plain layer this one collapses to (same activation, updater, regularization, dropout, name). */
    public abstract Layer collapsedConf();

    /** Batch norm after sub-layer i (DL4J BatchNormalization, eps and decay as PyTorch's defaults). */
    protected Layer bnConf(int i) {
        BatchNormalization bn = new BatchNormalization.Builder().nIn(nodeSize(i + 1)).nOut(nodeSize(i + 1))
                .eps(bnEps).decay(bnDecay).useLogStd(false).lockGammaBeta(false)
                .activation(Activation.IDENTITY).build();
        return bn;
    }

    /** All sub-layer configurations in parameter order: linear 0, [bn 0], linear 1, [bn 1], ... */
    public List<Layer> subLayerConfs() {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            out.add(linearConf(i));
            if (batchNorm) out.add(bnConf(i));
        }
        return out;
    }

    /** Sub-layer index of a parameter key like {@code W3} or {@code gamma0}. */
    static int keyIndex(String key) {
        int j = key.length();
        while (j > 0 && Character.isDigit(key.charAt(j - 1))) j--;
        return Integer.parseInt(key.substring(j));
    }

    static String keyBase(String key) {
        int j = key.length();
        while (j > 0 && Character.isDigit(key.charAt(j - 1))) j--;
        return key.substring(0, j);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        validate();
        ExpandedLayerImpl ret = new ExpandedLayerImpl(conf, networkDataType, listeners, layerIndex,
                layerParamsView, initializeParams);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        return ret;
    }

    @Override
    public ParamInitializer initializer() { return ExpandedParamInitializer.INSTANCE; }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        String base = keyBase(paramName);
        if (base.equals("mean") || base.equals("var")) return new NoOp();   // running stats: see BatchNormalization
        if (base.equals("b") && biasUpdater != null) return biasUpdater;
        return iUpdater;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        String base = keyBase(paramName);
        switch (base) {
            case "W": return regularization;
            case "b": case "gamma": case "beta": return regularizationBias;
            default: return null;
        }
    }

    @Override
    public boolean isPretrainParam(String paramName) { return false; }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long n = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(n, n).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    /** Sets the activation applied after the whole chain (identity by default); returns this. */
    public ExpandedLayer activation(Activation a) {
        if (a == null) throw new IllegalArgumentException("activation is null");
        this.activationFn = a.getActivationFunction();
        return this;
    }

    /** Sets PyTorch's negative_slope a of the activation that follows (last factor's gain sqrt(2/(1+a^2))). */
    public ExpandedLayer negativeSlope(double a) { this.negativeSlope = a; return this; }

    /** Sets the layer name; returns this. */
    public ExpandedLayer name(String name) { this.layerName = name; return this; }

    public double getWidth() { return width; }
    public int getDepth() { return depth; }
    /** Whether every factor has a bias. */
    public boolean hasBias() { return hasBias; }
    public boolean isBatchNorm() { return batchNorm; }
    public boolean isResidual() { return residual; }
    public int[] getResidualIntervals() { return residualIntervals.clone(); }
    public double getNegativeSlope() { return negativeSlope; }
    public double getBnEps() { return bnEps; }
    public double getBnDecay() { return bnDecay; }
    /** Whether back-propagation returns the gradient with respect to the input (see the field's comment). */
    public boolean isInputGradient() { return inputGradient; }

    /** Sets whether back-propagation computes the gradient with respect to the input; returns this. */
    public ExpandedLayer inputGradient(boolean on) { this.inputGradient = on; return this; }

    /** Copies updater, regularization, dropout, name and activation onto a plain layer configuration. */
    protected <L extends org.deeplearning4j.nn.conf.layers.BaseLayer> L copyCommonTo(L l) {
        l.setActivationFn(activationFn);
        l.setIUpdater(iUpdater);
        l.setBiasUpdater(biasUpdater);
        l.setRegularization(regularization == null ? new ArrayList<>() : new ArrayList<>(regularization));
        l.setRegularizationBias(regularizationBias == null ? new ArrayList<>() : new ArrayList<>(regularizationBias));
        l.setIDropout(iDropout);
        l.setLayerName(layerName);
        l.setGradientNormalization(gradientNormalization);
        l.setGradientNormalizationThreshold(gradientNormalizationThreshold);
        return l;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExpandedLayer e) || !super.equals(o)) return false;
        return e.width == width && e.depth == depth && e.hasBias == hasBias && e.batchNorm == batchNorm
                && e.residual == residual && Arrays.equals(e.residualIntervals, residualIntervals)
                && e.negativeSlope == negativeSlope && e.bnEps == bnEps && e.bnDecay == bnDecay
                && e.inputGradient == inputGradient;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Arrays.hashCode(new double[]{width, depth, hasBias ? 1 : 0, batchNorm ? 1 : 0,
                residual ? 1 : 0, Arrays.hashCode(residualIntervals), negativeSlope, bnEps, bnDecay, inputGradient ? 1 : 0});
    }
}
