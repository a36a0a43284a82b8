package org.lowrank.expand;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * Exact collapse of expanded layers (docs/reproduction-notes.md §2.6) as pure functions on INDArrays, and of whole networks.
 *
 * <p>Layouts are DL4J's: dense weights {@code [nIn, nOut]} (y = x·W + b), convolution kernels
 * {@code [nOut, nIn, kh, kw]} applied as cross-correlation, biases as vectors. The collapse walks the nodes of
 * the expanded layer and keeps each node as an affine map of the (padded) input, which handles products, batch
 * norm and any set of residual edges the same way the official sympy reduction does.
 */
public final class Collapse {
    private Collapse() { }

    /** A collapsed layer: weight in DL4J layout and bias (null when the layer has neither bias nor batch norm). */
    public record Affine(INDArray weight, INDArray bias) { }

    // ---------------------------------------------------------------- pure functions

    /** Dense product in DL4J layout: x·W1 + b1 then ·W2 + b2 gives W = W1·W2, b = b1·W2 + b2 (null biases = 0). */
    public static Affine dense(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        requireRank("w1", w1, 2);
        requireRank("w2", w2, 2);
        if (w1.size(1) != w2.size(0)) {
            throw new IllegalArgumentException("w1 " + shape(w1) + " and w2 " + shape(w2) + " do not chain; allowed: w1.size(1) == w2.size(0)");
        }
        if (b1 != null) requireVector("b1", b1, w1.size(1));
        if (b2 != null) requireVector("b2", b2, w2.size(1));
        INDArray w = w1.mmul(w2);
        INDArray b = null;
        if (b1 != null) b = b1.reshape(1, b1.length()).mmul(w2).reshape(w2.size(1));
        if (b2 != null) b = b == null ? b2.reshape(b2.length()).dup() : b.addi(b2.reshape(b2.length()));
        return new Affine(w, b);
    }

    /**
     * Kernel of conv2(conv1(x)) as one cross-correlation (full 2-D convolution of the kernels):
     * W[o,i] = Σ_m W2[o,m] ∗ W1[m,i], size k1 + k2 − 1. Equivalent to the official
     * {@code conv2d(W1.permute(1,0,2,3), flip(W2), padding=k2-1).permute(1,0,2,3)}; written as k2² matrix
     * products, which is exact in the arrays' precision.
     */
    public static INDArray composeKernels(INDArray w1, INDArray w2) {
        requireRank("w1", w1, 4);
        requireRank("w2", w2, 4);
        long mid = w1.size(0), cin = w1.size(1), k1h = w1.size(2), k1w = w1.size(3);
        long cout = w2.size(0), k2h = w2.size(2), k2w = w2.size(3);
        if (w2.size(1) != mid)
            throw new IllegalArgumentException("w2 has " + w2.size(1) + " input channels, w1 has " + mid + " output channels");
        INDArray out = Nd4j.zeros(w1.dataType(), cout, cin, k1h + k2h - 1, k1w + k2w - 1);
        INDArray w1m = w1.reshape('c', mid, cin * k1h * k1w);
        for (int u = 0; u < k2h; u++) {
            for (int v = 0; v < k2w; v++) {
                INDArray a = w2.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(u), NDArrayIndex.point(v));
                INDArray prod = a.mmul(w1m).reshape('c', cout, cin, k1h, k1w);
                out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(u, u + k1h),
                        NDArrayIndex.interval(v, v + k1w)).addi(prod);
            }
        }
        return out;
    }

    /** Bias of conv2(conv1(x) + b1) + b2: (Σ_{u,v} W2[:,:,u,v])·b1 + b2 (null biases = 0). */
    public static INDArray composeConvBias(INDArray b1, INDArray w2, INDArray b2) {
        requireRank("w2", w2, 4);
        if (b1 != null) requireVector("b1", b1, w2.size(1));
        if (b2 != null) requireVector("b2", b2, w2.size(0));
        INDArray b = null;
        if (b1 != null) {
            INDArray s = w2.sum(2, 3);                    // [out, mid]
            b = s.mmul(b1.reshape(b1.length(), 1)).reshape(w2.size(0));
        }
        if (b2 != null) b = b == null ? b2.reshape(b2.length()).dup() : b.addi(b2.reshape(b2.length()));
        return b;
    }

    /**
     * Folds batch norm with running statistics: W' = W·γ/sqrt(var+eps) per output, b' = γ(b − μ)/sqrt(var+eps) + β.
     * {@code conv} selects the output axis (0 for conv kernels, 1 for dense [nIn, nOut]).
     */
    public static Affine foldBatchNorm(INDArray w, INDArray b, INDArray gamma, INDArray beta, INDArray mean,
                                       INDArray var, double eps, boolean conv) {
        requireRank("w", w, conv ? 4 : 2);
        long n = w.size(conv ? 0 : 1);
        requireBatchNorm(b, gamma, beta, mean, var, eps, n, "");
        INDArray scale = gamma.reshape(n).div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.reshape(n).add(eps), false));
        INDArray w2;
        if (conv) {
            w2 = w.mul(scale.reshape(n, 1, 1, 1).broadcast(w.shape()));
        } else {
            w2 = w.mulRowVector(scale.reshape(1, n));
        }
        INDArray bb = b == null ? Nd4j.zeros(w.dataType(), n) : b.reshape(n).dup();
        INDArray b2 = bb.subi(mean.reshape(n)).muli(scale).addi(beta.reshape(n));
        return new Affine(w2, b2);
    }

    /** Centre-pads (or centre-crops, for a negative difference) a kernel to size kh×kw, as the official pad_to. */
    public static INDArray padKernelTo(INDArray k, long kh, long kw) {
        requireRank("k", k, 4);
        if (kh < 1 || kw < 1) throw new IllegalArgumentException("kh x kw = " + kh + "x" + kw + "; allowed: both >= 1");
        long h = k.size(2), w = k.size(3);
        if (h == kh && w == kw) return k;
        INDArray out = Nd4j.zeros(k.dataType(), k.size(0), k.size(1), kh, kw);
        long t = Math.floorDiv(kh - h, 2), l = Math.floorDiv(kw - w, 2);
        long sh0 = Math.max(0, -t), sh1 = Math.min(h, kh - t), sw0 = Math.max(0, -l), sw1 = Math.min(w, kw - l);
        INDArrayIndex[] dst = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(sh0 + t, sh1 + t), NDArrayIndex.interval(sw0 + l, sw1 + l)};
        INDArrayIndex[] src = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(sh0, sh1), NDArrayIndex.interval(sw0, sw1)};
        out.get(dst).assign(k.get(src));
        return out;
    }

    /** Dirac (identity) kernel [c, c, k, k] with 1 at the centre. */
    public static INDArray dirac(org.nd4j.linalg.api.buffer.DataType dt, long c, long k) {
        if (dt == null || !dt.isFPType()) throw new IllegalArgumentException("dt = " + dt + "; allowed: a floating-point type");
        if (c < 1 || k < 1) throw new IllegalArgumentException("c = " + c + ", k = " + k + "; allowed: both >= 1");
        INDArray out = Nd4j.zeros(dt, c, c, k, k);
        for (long i = 0; i < c; i++) out.putScalar(new long[]{i, i, k / 2, k / 2}, 1.0);
        return out;
    }

    // ---------------------------------------------------------------- one layer

    /**
     * Collapses one expanded layer given its parameter table (keys {@code W<i>}, {@code b<i>}, {@code gamma<i>}…).
     * Returns the weight and bias of the plain layer {@link ExpandedLayer#collapsedConf()}; the bias is null when
     * the layer has neither bias nor batch norm.
     *
     * @throws IllegalArgumentException naming the parameter if one is missing (a bias of a layer with bias, a batch
     *                                  norm statistic), has the wrong shape or a non-floating-point type, is given
     *                                  for a layer without it, or a variance is at or below −eps
     */
    public static Affine layer(ExpandedLayer c, Map<String, INDArray> p) {
        requireLayerParams(c, p);
        boolean conv = c instanceof ExpandedConv2D;
        int d = c.getDepth();
        INDArray[] w = new INDArray[d + 1];
        INDArray[] b = new INDArray[d + 1];
        if (conv) {
            w[0] = dirac(p.get("W0").dataType(), c.getNIn(), ((ExpandedConv2D) c).nodeKernel(0));
        } else {
            w[0] = Nd4j.eye(c.getNIn()).castTo(p.get("W0").dataType());
        }
        for (int m = 1; m <= d; m++) {
            int i = m - 1;
            INDArray wi = p.get("W" + i), bi = p.get("b" + i);
            if (wi == null) throw new IllegalArgumentException("parameter W" + i + " missing; keys: " + p.keySet());
            if (conv) {
                w[m] = m == 1 ? wi.dup() : composeKernels(w[m - 1], wi);
                b[m] = m == 1 ? (bi == null ? null : bi.reshape(bi.length()).dup()) : composeConvBias(b[m - 1], wi, bi);
            } else {
                Affine a = m == 1 ? new Affine(wi.dup(), bi == null ? null : bi.reshape(bi.length()).dup())
                        : dense(w[m - 1], b[m - 1], wi, bi);
                w[m] = a.weight();
                b[m] = a.bias();
            }
            if (c.isBatchNorm()) {
                Affine a = foldBatchNorm(w[m], b[m], p.get("gamma" + i), p.get("beta" + i), p.get("mean" + i),
                        p.get("var" + i), c.getBnEps(), conv);
                w[m] = a.weight();
                b[m] = a.bias();
            }
            for (int s : c.residualSources(m)) {
                w[m] = conv ? w[m].add(padKernelTo(w[s], w[m].size(2), w[m].size(3))) : w[m].add(w[s]);
                if (b[s] != null) b[m] = b[m] == null ? b[s].dup() : b[m].add(b[s]);
            }
        }
        if ((c.hasBias() || c.isBatchNorm()) && b[d] == null) b[d] = Nd4j.zeros(w[d].dataType(), c.getNOut());
        return new Affine(w[d], b[d]);
    }

    // ---------------------------------------------------------------- validation

    private static String shape(INDArray a) { return java.util.Arrays.toString(a.shape()); }

    private static void requireRank(String name, INDArray a, int rank) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        if (a.rank() != rank) {
            throw new IllegalArgumentException(name + " has shape " + shape(a) + "; allowed: a rank-" + rank + " array");
        }
    }

    /** A vector of length n: shape [n], [1, n] or [n, 1] (DL4J keeps biases and batch-norm vectors as [1, n]). */
    private static void requireVector(String name, INDArray a, long n) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        boolean vector = a.rank() == 1 || (a.rank() == 2 && (a.size(0) == 1 || a.size(1) == 1));
        if (!vector || a.length() != n) {
            throw new IllegalArgumentException(name + " has shape " + shape(a) + "; allowed: a vector of length " + n
                    + " ([" + n + "] or [1, " + n + "])");
        }
    }

    private static void requireBatchNorm(INDArray b, INDArray gamma, INDArray beta, INDArray mean, INDArray var,
                                         double eps, long n, String suffix) {
        if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("eps = " + eps + "; allowed: finite >= 0");
        if (b != null) requireVector("b" + suffix, b, n);
        requireVector("gamma" + suffix, gamma, n);
        requireVector("beta" + suffix, beta, n);
        requireVector("mean" + suffix, mean, n);
        requireVector("var" + suffix, var, n);
        double lowest = var.minNumber().doubleValue();
        if (!(lowest + eps > 0)) {
            throw new IllegalArgumentException("var" + suffix + " has minimum " + lowest + " with eps = " + eps
                    + "; allowed: var + eps > 0 (a running variance is >= 0)");
        }
    }

    /** Every parameter {@link #layer} reads, present with the shape the layer's configuration gives it. */
    private static void requireLayerParams(ExpandedLayer c, Map<String, INDArray> p) {
        if (c == null) throw new IllegalArgumentException("layer must not be null");
        if (p == null) throw new IllegalArgumentException("parameters of layer " + c.getLayerName() + " must not be null");
        if (c.getNIn() < 1) {
            throw new IllegalArgumentException("nIn = " + c.getNIn() + " for layer " + c.getLayerName()
                    + "; allowed: >= 1 (set it or initialize the network first)");
        }
        boolean conv = c instanceof ExpandedConv2D;
        org.nd4j.linalg.api.buffer.DataType dt = null;
        for (int i = 0; i < c.getDepth(); i++) {
            long in = c.nodeSize(i), out = c.nodeSize(i + 1);
            INDArray w = p.get("W" + i);
            if (w == null) throw new IllegalArgumentException("parameter W" + i + " missing; keys: " + p.keySet());
            long[] expected = conv ? new long[]{out, in, ((ExpandedConv2D) c).getKernelSizes()[i], ((ExpandedConv2D) c).getKernelSizes()[i]}
                    : new long[]{in, out};
            if (!java.util.Arrays.equals(w.shape(), expected)) {
                throw new IllegalArgumentException("parameter W" + i + " has shape " + shape(w) + "; allowed: "
                        + java.util.Arrays.toString(expected) + (conv ? " ([nOut, nIn, k, k])" : " ([nIn, nOut])")
                        + " for " + c);
            }
            if (dt == null) dt = w.dataType();
            if (!dt.isFPType()) throw new IllegalArgumentException("parameter W" + i + " has type " + dt + "; allowed: a floating-point type");
            INDArray b = p.get("b" + i);
            if (c.hasBias() && b == null) {
                throw new IllegalArgumentException("parameter b" + i + " missing (the layer has biases); keys: " + p.keySet());
            }
            if (!c.hasBias() && b != null) {
                throw new IllegalArgumentException("parameter b" + i + " given but the layer has no biases (hasBias = false)");
            }
            if (b != null) requireVector("parameter b" + i, b, out);
            if (c.isBatchNorm()) {
                for (String k : new String[]{"gamma", "beta", "mean", "var"}) {
                    if (p.get(k + i) == null) {
                        throw new IllegalArgumentException("parameter " + k + i + " missing (batch norm after sub-layer " + i
                                + " needs gamma, beta and its running mean and var); keys: " + p.keySet());
                    }
                }
                requireBatchNorm(null, p.get("gamma" + i), p.get("beta" + i), p.get("mean" + i), p.get("var" + i),
                        c.getBnEps(), out, Integer.toString(i));
            }
            for (String k : new String[]{"W", "b", "gamma", "beta", "mean", "var"}) {
                INDArray a = p.get(k + i);
                if (a != null && a.dataType() != dt) {
                    throw new IllegalArgumentException("parameter " + k + i + " has type " + a.dataType() + ", W0 has " + dt
                            + "; allowed: one floating-point type for all parameters");
                }
            }
        }
    }

    // ---------------------------------------------------------------- whole networks

    private static void copyInto(org.deeplearning4j.nn.api.Layer from, org.deeplearning4j.nn.api.Layer to,
                                 org.deeplearning4j.nn.conf.layers.Layer fromConf) {
        if (fromConf instanceof ExpandedLayer e) {
            Affine a = layer(e, from.paramTable());
            to.setParam("W", a.weight().reshape(to.getParam("W").shape()));
            if (a.bias() != null) to.setParam("b", a.bias().reshape(to.getParam("b").shape()));
        } else if (from.numParams() > 0) {
            to.params().assign(from.params());   // the flat view: setParams re-flattens in f order
        }
    }

    /**
     * A plain {@link MultiLayerNetwork} with every expanded layer replaced by its collapsed layer (DenseLayer /
     * ConvolutionLayer, no batch norm) computing the same function in inference mode. Other layers' parameters and
     * state (e.g. ordinary batch norm statistics) are copied; the updater state is not.
     */
    public static MultiLayerNetwork collapse(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration c : conf.getConfs())
            if (c.getLayer() instanceof ExpandedLayer e) c.setLayer(e.collapsedConf());
        MultiLayerNetwork out = new MultiLayerNetwork(conf);
        out.init();
        for (int i = 0; i < net.getnLayers(); i++)
            copyInto(net.getLayer(i), out.getLayer(i), net.getLayerWiseConfigurations().getConf(i).getLayer());
        return out;
    }

    /** As {@link #collapse(MultiLayerNetwork)} for a ComputationGraph (vertices keep their names). */
    public static ComputationGraph collapse(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet())
            if (v.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ExpandedLayer e)
                lv.getLayerConf().setLayer(e.collapsedConf());
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        for (org.deeplearning4j.nn.api.Layer l : graph.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            copyInto(l, out.getLayer(name), l.conf().getLayer());
        }
        return out;
    }
}
