package org.lowrank.expand;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime of an {@link ExpandedLayer}: DL4J's own dense / convolution / batch-norm layer implementations chained
 * over views of this layer's flat parameter and gradient vectors (see {@link ExpandedLayer} for why), plus the
 * residual identities and the layer's activation.
 *
 * <p>The backward pass keeps what it needs from the forward pass instead of letting DL4J's layers recompute it:
 * identity dense factors back-propagate from their stored inputs ({@link #backpropDense}), identity conv factors call
 * their oneDNN helper's backward on the stored input ({@link #backpropConv}), a plain ReLU after the chain uses
 * ε·step(z), and a first layer ({@link ExpandedLayer#isInputGradient()} false) computes no input gradient. Each
 * path gives DL4J's gradients (ExpandedLayerTest; the measurements are in bench/README.md).
 */
public class ExpandedLayerImpl extends AbstractLayer<ExpandedLayer> {
    private final List<Layer> linear = new ArrayList<>();
    private final List<Layer> norms = new ArrayList<>();
    private Map<String, INDArray> params = new LinkedHashMap<>();
    private INDArray paramsFlat;
    private INDArray gradientsFlat;
    private Gradient gradient;
    private INDArray[] nodes;
    private INDArray preActivation;
    /** Gradient views (W, b) of each linear sub-layer, for the dense fast path of {@link #backpropDense}. */
    private final List<Map<String, INDArray>> linearGradViews = new ArrayList<>();

    ExpandedLayerImpl(NeuralNetConfiguration conf, DataType dataType, Collection<TrainingListener> listeners,
                      int index, INDArray paramsView, boolean initializeParams) {
        super(conf, dataType);
        this.paramsFlat = paramsView;
        this.params = conf.getLayer().initializer().init(conf, paramsView, initializeParams);
        List<NeuralNetConfiguration> subs = ExpandedParamInitializer.subConfs(conf);
        long off = 0;
        for (NeuralNetConfiguration sc : subs) {
            org.deeplearning4j.nn.conf.layers.Layer s = sc.getLayer();
            long n = s.initializer().numParams(s);
            Layer l = s.instantiate(sc, listeners, index, ExpandedParamInitializer.slice(paramsView, off, off + n),
                    false, dataType);
            if (s instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) norms.add(l);
            else linear.add(l);
            off += n;
        }
    }

    private ExpandedLayer lc() { return layerConf(); }

    private List<Layer> allSubLayers() {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < linear.size(); i++) {
            out.add(linear.get(i));
            if (!norms.isEmpty()) out.add(norms.get(i));
        }
        return out;
    }

    @Override
    public Type type() { return lc() instanceof ExpandedConv2D ? Type.CONVOLUTIONAL : Type.FEED_FORWARD; }

    @Override
    public boolean isPretrainLayer() { return false; }

    @Override
    public void clearNoiseWeightParams() { }

    // ---------------------------------------------------------------- forward

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, mgr);
        ExpandedLayer c = lc();
        int d = c.getDepth();
        nodes = new INDArray[d + 1];
        nodes[0] = input;
        for (int m = 1; m <= d; m++) {
            INDArray z = linear.get(m - 1).activate(nodes[m - 1], training, mgr);
            if (c.isBatchNorm()) z = norms.get(m - 1).activate(z, training, mgr);
            int[] src = c.residualSources(m);
            if (src.length > 0) {
                z = mgr.dup(ArrayType.ACTIVATIONS, z);
                for (int s : src) identity(z, nodes[s], m, s, false);
            }
            nodes[m] = z;
        }
        preActivation = nodes[d];
        if (plainRelu(c.getActivationFn())) {
            // the same relu op out of place: one pass instead of a copy and an in-place pass
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, preActivation.dataType(), preActivation.shape(),
                    preActivation.ordering());
            return Nd4j.getExecutioner().exec(new RectifiedLinear(preActivation, out, 0.0));
        }
        INDArray out = mgr.dup(ArrayType.ACTIVATIONS, preActivation);
        return c.getActivationFn().getActivation(out, training);
    }

    /** ReLU with DL4J's defaults (no cap, threshold 0, slope 0): max(z, 0). */
    private static boolean plainRelu(IActivation a) {
        return a instanceof ActivationReLU r && r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
    }

    /**
     * dL/dz of the layer's activation at the stored pre-activation. For the plain ReLU it is ε·step(z) (two
     * vectorized passes: ND4J's relu_bp, which ActivationReLU.backprop uses, evaluates a std::function per element
     * and took 2.0 ms vs 0.27 ms on 64×16×28×28 floats, thread CPU time). Same values as relu_bp except where ε is
     * ±inf or NaN at z <= 0 (NaN instead of 0) and the sign of zeros.
     */
    private INDArray activationBackprop(IActivation a, INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (plainRelu(a)) {
            INDArray delta = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, preActivation.dataType(),
                    preActivation.shape(), preActivation.ordering());
            Nd4j.getExecutioner().exec(new Step(preActivation, delta, 0.0));
            return delta.muli(epsilon);
        }
        if (a instanceof ActivationIdentity) return epsilon;
        INDArray pre = mgr.dup(ArrayType.ACTIVATION_GRAD, preActivation);
        return a.backprop(pre, epsilon).getFirst();
    }

    /**
     * Adds the identity of node s to node m (forward), or its transpose (backward: {@code target} is the gradient of
     * node s, {@code source} the gradient of node m). Dense: plain addition. Conv: the Dirac identity at offset
     * (k_m − k_s)/2 and node m's stride, zero where it falls outside (see {@link ExpandedConv2D}).
     */
    private void identity(INDArray target, INDArray source, int m, int s, boolean transpose) {
        ExpandedLayer c = lc();
        if (!(c instanceof ExpandedConv2D cc)) {
            target.addi(source);
            return;
        }
        int off = (cc.nodeKernel(m) - cc.nodeKernel(s)) / 2;
        int stride = m == c.getDepth() ? cc.getStride() : 1;
        // forward: out[t] += src[stride·t + off]; backward: gsrc[stride·t + off] += gout[t]
        INDArray out = transpose ? source : target;     // node m sized
        INDArray in = transpose ? target : source;      // node s sized
        INDArrayIndex[] oi = new INDArrayIndex[4], ii = new INDArrayIndex[4];
        oi[0] = ii[0] = NDArrayIndex.all();
        oi[1] = ii[1] = NDArrayIndex.all();
        for (int ax = 2; ax < 4; ax++) {
            long tSize = out.size(ax), sSize = in.size(ax);
            long lo = Math.max(0, ceilDiv(-off, stride));
            long hi = Math.min(tSize - 1, Math.floorDiv(sSize - 1 - off, stride));
            if (lo > hi) return;
            oi[ax] = NDArrayIndex.interval(lo, hi + 1);
            ii[ax] = NDArrayIndex.interval(stride * lo + off, stride, stride * hi + off + 1);
        }
        if (transpose) in.get(ii).addi(out.get(oi));
        else out.get(oi).addi(in.get(ii));
    }

    private static long ceilDiv(long a, long b) { return -Math.floorDiv(-a, b); }

    // ---------------------------------------------------------------- backward

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        ExpandedLayer c = lc();
        int d = c.getDepth();
        INDArray[] g = new INDArray[d + 1];
        boolean[] owned = new boolean[d + 1];
        g[d] = activationBackprop(c.getActivationFn(), epsilon, mgr);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        Map<String, Character> orders = new LinkedHashMap<>();
        boolean needInput = c.isInputGradient();
        for (int m = d; m >= 1; m--) {
            for (int s : c.residualSources(m)) {
                if (s == 0 && !needInput) continue;
                if (g[s] == null) {
                    g[s] = mgr.create(ArrayType.ACTIVATION_GRAD, nodes[s].dataType(), nodes[s].shape(), nodes[s].ordering());
                    owned[s] = true;
                } else if (!owned[s]) {
                    g[s] = mgr.dup(ArrayType.ACTIVATION_GRAD, g[s]);
                    owned[s] = true;
                }
                identity(g[s], g[m], m, s, true);
            }
            INDArray e = g[m];
            if (c.isBatchNorm()) e = backpropSub(norms.get(m - 1), e, m - 1, grads, orders, mgr);
            boolean epsNeeded = m > 1 || needInput;
            if (fastDense(m - 1)) e = backpropDense(m - 1, nodes[m - 1], e, epsNeeded, grads, orders, mgr);
            else {
                INDArray viaHelper = fastConv(m - 1) ? backpropConv(m - 1, nodes[m - 1], e, grads, orders, mgr) : null;
                e = viaHelper != null ? viaHelper : backpropSub(linear.get(m - 1), e, m - 1, grads, orders, mgr);
            }
            if (!epsNeeded) continue;
            if (g[m - 1] == null) {
                g[m - 1] = e;
            } else {
                if (!owned[m - 1]) { g[m - 1] = mgr.dup(ArrayType.ACTIVATION_GRAD, g[m - 1]); owned[m - 1] = true; }
                g[m - 1].addi(e);
            }
        }
        gradient = new DefaultGradient(gradientsFlat);
        for (String k : params.keySet()) {
            INDArray gr = grads.get(k);
            if (gr == null) throw new IllegalStateException("no gradient for parameter " + k);
            gradient.setGradientFor(k, gr, orders.get(k));
        }
        INDArray epsOut = needInput ? backpropDropOutIfPresent(g[0]) : null;
        return new Pair<>(gradient, epsOut);
    }

    private static INDArray backpropSub(Layer l, INDArray eps, int i, Map<String, INDArray> grads,
                                        Map<String, Character> orders, LayerWorkspaceMgr mgr) {
        Pair<Gradient, INDArray> p = l.backpropGradient(eps, mgr);
        for (Map.Entry<String, INDArray> en : p.getFirst().gradientForVariable().entrySet()) {
            grads.put(en.getKey() + i, en.getValue());
            orders.put(en.getKey() + i, p.getFirst().flatteningOrderForVariable(en.getKey()));
        }
        return p.getSecond();
    }

    /**
     * Whether linear sub-layer i is a plain identity dense layer (no dropout, weight noise, layer norm or mask), so
     * that {@link #backpropDense} computes exactly what DL4J's DenseLayer.backpropGradient would.
     */
    private boolean fastDense(int i) {
        Layer l = linear.get(i);
        if (!(l instanceof org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer dl) || i >= linearGradViews.size())
            return false;
        org.deeplearning4j.nn.conf.layers.DenseLayer conf = (org.deeplearning4j.nn.conf.layers.DenseLayer) l.conf().getLayer();
        return conf.getActivationFn() instanceof ActivationIdentity && !dl.hasLayerNorm() && conf.getIDropout() == null
                && conf.getWeightNoise() == null && l.getMaskArray() == null;
    }

    /**
     * Backprop of identity dense sub-layer i from its stored input (node i). DL4J's DenseLayer.backpropGradient
     * recomputes the forward matmul (preOutput) only to feed the activation's derivative, which is the identity here;
     * skipping it saves one of the four matmuls per factor per step (measured in ExpandBench, bench/README.md).
     * Same ops, same order and same gradient views as DL4J's: dW = inᵀ·δ, db = Σ_rows δ, ε = δ·Wᵀ.
     */
    private INDArray backpropDense(int i, INDArray in, INDArray delta, boolean epsNeeded, Map<String, INDArray> grads,
                                   Map<String, Character> orders, LayerWorkspaceMgr mgr) {
        Layer l = linear.get(i);
        Map<String, INDArray> views = linearGradViews.get(i);
        INDArray w = l.getParam("W");
        INDArray gw = views.get("W");
        Nd4j.gemm(in.castTo(gw.dataType()), delta, gw, true, false, 1.0, 0.0);
        grads.put("W" + i, gw);
        orders.put("W" + i, null);
        INDArray gb = views.get("b");
        if (gb != null) {
            delta.sum(gb, 0);
            grads.put("b" + i, gb);
            orders.put("b" + i, null);
        }
        if (!epsNeeded) return null;
        INDArray eps = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[]{w.size(0), delta.size(0)}, 'f');
        return w.mmuli(delta.transpose(), eps).transpose();
    }

    /**
     * Whether linear sub-layer i is a convolution with identity activation and an active helper (oneDNN), with no
     * dropout, weight noise or mask, so that {@link #backpropConv} computes exactly what DL4J's
     * ConvolutionLayer.backpropGradient would.
     */
    private boolean fastConv(int i) {
        Layer l = linear.get(i);
        if (!(l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) || l.getHelper() == null
                || i >= linearGradViews.size()) return false;
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer();
        return conf.getClass() == org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class
                && conf.getActivationFn() instanceof ActivationIdentity && conf.getIDropout() == null
                && conf.getWeightNoise() == null && l.getMaskArray() == null
                && conf.getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NCHW
                && conf.getConvolutionMode() != org.deeplearning4j.nn.conf.ConvolutionMode.Same;
    }

    /**
     * Backprop of identity convolution sub-layer i through its helper (oneDNN's conv2d_bp) from the stored input
     * (node i). DL4J's ConvolutionLayer.backpropGradient first recomputes the forward convolution (preOutput4d) only
     * to feed the activation's derivative, which is the identity here, then calls the same helper with the same
     * arguments; skipping the recomputation saves one convolution per factor per step. Returns null if the helper
     * declines or fails (the caller then runs DL4J's own backprop, as DL4J falls back itself).
     */
    private INDArray backpropConv(int i, INDArray in, INDArray delta, Map<String, INDArray> grads,
                                  Map<String, Character> orders, LayerWorkspaceMgr mgr) {
        Layer l = linear.get(i);
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer();
        org.deeplearning4j.nn.layers.convolution.ConvolutionHelper h =
                (org.deeplearning4j.nn.layers.convolution.ConvolutionHelper) l.getHelper();
        Map<String, INDArray> views = linearGradViews.get(i);
        INDArray bias = conf.hasBias() ? l.getParam("b") : null;
        Pair<Gradient, INDArray> r;
        try {
            r = h.backpropGradient(in.castTo(dataType), l.getParam("W"), bias, delta.castTo(dataType), conf.getKernelSize(),
                    conf.getStride(), conf.getPadding(), conf.hasBias() ? views.get("b") : null, views.get("W"),
                    conf.getActivationFn(), conf.getCudnnAlgoMode(), conf.getCudnnBwdFilterAlgo(),
                    conf.getCudnnBwdDataAlgo(), conf.getConvolutionMode(), conf.getDilation(), conf.getCnn2dDataFormat(), mgr);
        } catch (org.nd4j.linalg.exception.ND4JOpProfilerException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
        if (r == null) return null;
        for (Map.Entry<String, INDArray> en : r.getFirst().gradientForVariable().entrySet()) {
            grads.put(en.getKey() + i, en.getValue());
            orders.put(en.getKey() + i, r.getFirst().flatteningOrderForVariable(en.getKey()));
        }
        return r.getSecond();
    }

    // ---------------------------------------------------------------- parameters

    @Override
    public INDArray params() { return paramsFlat; }

    @Override
    public long numParams() { return paramsFlat == null ? 0 : paramsFlat.length(); }

    @Override
    public long numParams(boolean backwards) { return numParams(); }

    @Override
    public void setParams(INDArray p) {
        if (p == paramsFlat) return;
        if (p.length() != numParams())
            throw new IllegalArgumentException("params has " + p.length() + " values; allowed: " + numParams());
        paramsFlat.assign(p.reshape(paramsFlat.shape()));
    }

    @Override
    public void setParamsViewArray(INDArray view) {
        if (paramsFlat != null && view != paramsFlat)
            throw new UnsupportedOperationException("ExpandedLayer parameters are views fixed at instantiation");
        paramsFlat = view;
    }

    @Override
    public INDArray getGradientsViewArray() { return gradientsFlat; }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        gradientsFlat = view;
        long off = 0;
        for (Layer l : allSubLayers()) {
            long n = l.numParams();
            l.setBackpropGradientsViewArray(ExpandedParamInitializer.slice(view, off, off + n));
            off += n;
        }
        linearGradViews.clear();
        for (Layer l : linear)
            linearGradViews.add(l.conf().getLayer().initializer().getGradientsFromFlattened(l.conf(), l.getGradientsViewArray()));
    }

    @Override
    public INDArray getParam(String key) { return params.get(key); }

    @Override
    public void setParam(String key, INDArray val) {
        INDArray p = params.get(key);
        if (p == null) throw new IllegalArgumentException("parameter key " + key + "; allowed: " + params.keySet());
        if (p != val) p.assign(val.reshape(p.shape()));
    }

    @Override
    public Map<String, INDArray> paramTable() { return paramTable(false); }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        if (!backpropParamsOnly) return params;
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            String b = ExpandedLayer.keyBase(e.getKey());
            if (!b.equals("mean") && !b.equals("var")) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    @Override
    public void setParamTable(Map<String, INDArray> table) {
        for (Map.Entry<String, INDArray> e : table.entrySet()) setParam(e.getKey(), e.getValue());
    }

    @Override
    public Gradient gradient() { return gradient; }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        String b = ExpandedLayer.keyBase(paramName);
        int i = ExpandedLayer.keyIndex(paramName);
        if (b.equals("mean") || b.equals("var") || b.equals("gamma") || b.equals("beta"))
            return norms.get(i).updaterDivideByMinibatch(b);
        return linear.get(i).updaterDivideByMinibatch(b);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        double score = 0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            List<Regularization> regs = lc().getRegularizationByParam(e.getKey());
            if (regs == null) continue;
            for (Regularization r : regs) score += r.score(e.getValue(), getIterationCount(), getEpochCount());
        }
        return score;
    }

    @Override
    public void setCacheMode(org.deeplearning4j.nn.conf.CacheMode mode) {
        super.setCacheMode(mode);
        for (Layer l : allSubLayers()) l.setCacheMode(mode);
    }

    @Override
    public void setIterationCount(int iterationCount) {
        super.setIterationCount(iterationCount);
        for (Layer l : allSubLayers()) l.setIterationCount(iterationCount);
    }

    @Override
    public void setEpochCount(int epochCount) {
        super.setEpochCount(epochCount);
        for (Layer l : allSubLayers()) l.setEpochCount(epochCount);
    }

    @Override
    public void setInputMiniBatchSize(int size) {
        super.setInputMiniBatchSize(size);
        for (Layer l : allSubLayers()) l.setInputMiniBatchSize(size);
    }

    @Override
    public void clear() {
        super.clear();
        nodes = null;
        preActivation = null;
        for (Layer l : allSubLayers()) l.clear();
    }

    /** The sub-layer implementations (linear factors), for inspection. */
    public List<Layer> linearSubLayers() { return List.copyOf(linear); }
}
