package org.lowrank.expand;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.linalg.LapackSvd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expansion of whole networks (the official {@code overparameterize}), and <b>function-preserving</b> expansion
 * of trained weights, which the official library cannot do (it re-initializes every layer).
 *
 * <p>Expanded: layers of exactly the classes {@code DenseLayer} and {@code ConvolutionLayer} (square kernel,
 * NCHW). Left as they are: output layers (their dense map is fused with the loss in DL4J), and grouped
 * convolutions, which DL4J keeps in other classes ({@code DepthwiseConvolution2D}, {@code SeparableConvolution2D};
 * docs/reproduction-notes.md pitfall 11: the official library would silently turn them into full convolutions).
 */
public final class Expand {
    private Expand() { }

    /**
     * Lets DL4J use its oneDNN helpers (conv, pooling, batch norm) for layers created from now on, including the
     * sub-convolutions of {@link ExpandedConv2D}: sets {@code org.eclipse.deeplearning4j.helpers.disable=false}
     * (DL4J's default is true) and allows helpers in ND4J. In DL4J M2.1 this only works together with the
     * {@code org.nd4j.nativeblas.Nd4jCpu} shim in this lib. Returns whether oneDNN is available; the {@code expand}
     * benchmark measured a small CNN 3–4× faster with it (float32 only; double falls back to the built-in path).
     */
    public static boolean enableOneDnnHelpers() {
        System.setProperty("org.eclipse.deeplearning4j.helpers.disable", "false");
        Nd4j.getEnvironment().allowHelpers(true);
        return org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
    }

    // ---------------------------------------------------------------- configurations

    /** Expanded copy of a plain layer configuration, or null when it is not expandable / not selected. */
    static ExpandedLayer expandLayer(Layer l, ExpandOptions o, String... ids) {
        if (!o.selects(ids)) return null;
        ExpandedLayer e;
        if (l.getClass() == DenseLayer.class && o.target() != ExpandOptions.Target.CONV) {
            DenseLayer d = (DenseLayer) l;
            e = new ExpandedDense(d.getNIn(), d.getNOut(), o.width(), o.depth(), d.hasBias(), o.batchNorm(),
                    o.residual(), o.residualIntervals());
        } else if (l.getClass() == ConvolutionLayer.class && o.target() != ExpandOptions.Target.DENSE) {
            ConvolutionLayer c = (ConvolutionLayer) l;
            String name = String.join("/", ids);
            int[] k = c.getKernelSize(), s = c.getStride(), p = c.getPadding(), dil = c.getDilation();
            if (k[0] != k[1] || s[0] != s[1] || p[0] != p[1] || dil[0] != dil[1])
                throw new IllegalArgumentException("layer " + name + ": kernel " + k[0] + "x" + k[1] + ", stride " + s[0] + "x" + s[1]
                        + ", padding " + p[0] + "x" + p[1] + ", dilation " + dil[0] + "x" + dil[1]
                        + "; allowed: square values (or exclude the layer)");
            if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW)
                throw new IllegalArgumentException("layer " + name + ": data format " + c.getCnn2dDataFormat() + "; allowed: NCHW");
            int pad = p[0];
            if (c.getConvolutionMode() == ConvolutionMode.Same) {
                if (s[0] != 1 || k[0] % 2 == 0)
                    throw new IllegalArgumentException("layer " + name + ": ConvolutionMode.Same with stride " + s[0] + " and kernel "
                            + k[0] + " pads asymmetrically; allowed: stride 1 and odd kernel, or Truncate mode");
                pad = dil[0] * (k[0] - 1) / 2;
            } else if (c.getConvolutionMode() == ConvolutionMode.Causal) {
                throw new IllegalArgumentException("layer " + name + ": ConvolutionMode.Causal; allowed: Truncate, Strict, Same");
            }
            e = new ExpandedConv2D(c.getNIn(), c.getNOut(), new int[]{k[0]}, o.depth(), s[0], pad, o.width(), c.hasBias(),
                    o.batchNorm(), o.residual(), o.residualIntervals(), dil[0]);
        } else {
            return null;
        }
        BaseLayer b = (BaseLayer) l;
        if (b.getWeightNoise() != null)
            throw new IllegalArgumentException("layer " + String.join("/", ids) + " has weight noise; allowed: none (or exclude the layer)");
        e.setActivationFn(b.getActivationFn());
        e.setIUpdater(b.getIUpdater());
        e.setBiasUpdater(b.getBiasUpdater());
        e.setRegularization(b.getRegularization());
        e.setRegularizationBias(b.getRegularizationBias());
        e.setIDropout(b.getIDropout());
        e.setLayerName(b.getLayerName());
        e.setGradientNormalization(b.getGradientNormalization());
        e.setGradientNormalizationThreshold(b.getGradientNormalizationThreshold());
        return e;
    }

    /**
     * A copy of the configuration with every selected dense/conv layer expanded (fresh official init on init()). An
     * expanded first layer computes no gradient with respect to the network's input ({@link ExpandedLayer#isInputGradient()}).
     */
    public static MultiLayerConfiguration expand(MultiLayerConfiguration conf, ExpandOptions o) {
        MultiLayerConfiguration out = conf.clone();
        List<NeuralNetConfiguration> confs = out.getConfs();
        for (int i = 0; i < confs.size(); i++) {
            Layer l = confs.get(i).getLayer();
            ExpandedLayer e = expandLayer(l, o, Integer.toString(i), l.getLayerName());
            if (e == null) continue;
            // the first layer's input is the data: training never uses its gradient (a preprocessor in front of it
            // would be handed a null gradient, so it keeps the gradient then)
            if (i == 0 && out.getInputPreProcess(0) == null) e.inputGradient(false);
            confs.get(i).setLayer(e);
        }
        return out;
    }

    /** As {@link #expand(MultiLayerConfiguration, ExpandOptions)} for a graph (layers named by vertex name). */
    public static ComputationGraphConfiguration expand(ComputationGraphConfiguration conf, ExpandOptions o) {
        ComputationGraphConfiguration out = conf.clone();
        for (Map.Entry<String, GraphVertex> v : out.getVertices().entrySet()) {
            if (!(v.getValue() instanceof LayerVertex lv)) continue;
            ExpandedLayer e = expandLayer(lv.getLayerConf().getLayer(), o, v.getKey());
            if (e != null) lv.getLayerConf().setLayer(e);
        }
        return out;
    }

    // ---------------------------------------------------------------- function-preserving expansion

    /**
     * Expands a (trained) network so that it computes the same function: each selected layer's weight is split into
     * balanced factors whose product is the trained weight ({@link #factorDense}, {@link #factorConv}); other
     * layers' parameters are copied. Fine-tuning then starts from the trained function. Residual edges are not
     * supported here (the residual fold would have to be inverted).
     */
    public static MultiLayerNetwork expand(MultiLayerNetwork net, ExpandOptions o) {
        if (o.residual()) throw new IllegalArgumentException("residual = true; function-preserving expansion allows residual = false");
        MultiLayerNetwork out = new MultiLayerNetwork(expand(net.getLayerWiseConfigurations(), o));
        out.init();
        for (int i = 0; i < net.getnLayers(); i++) transfer(net.getLayer(i), out.getLayer(i));
        return out;
    }

    /** As {@link #expand(MultiLayerNetwork, ExpandOptions)} for a ComputationGraph. */
    public static ComputationGraph expand(ComputationGraph graph, ExpandOptions o) {
        if (o.residual()) throw new IllegalArgumentException("residual = true; function-preserving expansion allows residual = false");
        ComputationGraph out = new ComputationGraph(expand(graph.getConfiguration(), o));
        out.init();
        for (org.deeplearning4j.nn.api.Layer l : graph.getLayers())
            transfer(l, out.getLayer(l.conf().getLayer().getLayerName()));
        return out;
    }

    private static void transfer(org.deeplearning4j.nn.api.Layer from, org.deeplearning4j.nn.api.Layer to) {
        Layer tc = to.conf().getLayer();
        if (!(tc instanceof ExpandedLayer e)) {
            if (from.numParams() > 0) to.params().assign(from.params());   // the flat view: setParams re-flattens in f order
            return;
        }
        INDArray w = from.getParam("W");
        INDArray b = from.paramTable().get("b");
        Map<String, INDArray> f = e instanceof ExpandedConv2D c ? factorConv(w, b, c) : factorDense(w, b, e);
        for (Map.Entry<String, INDArray> en : f.entrySet()) to.setParam(en.getKey(), en.getValue());
    }

    /**
     * Balanced factors of a matrix M [a, c] = F_0·F_1·…·F_{d−1} with inner size h (F_0 [a, h], middle [h, h],
     * F_{d−1} [h, c]): M = U S Vt, F_0 = [U S^{1/d}, R], middle = diag(S^{1/d}, I), F_{d−1} = [S^{1/d} Vt; 0]. The
     * extra columns R of F_0 are random (std {@code extraStd}) and meet zero rows of F_{d−1}, so the product is
     * unchanged while those units still receive gradients.
     */
    static INDArray[] balancedFactors(INDArray mat, int d, int h, double extraStd, String what) {
        if (d == 1) return new INDArray[]{mat.dup()};
        LapackSvd.Thin svd = LapackSvd.thin(mat);
        INDArray[] usv = {svd.u(), svd.s(), svd.vt()};
        long a = mat.rows(), c = mat.columns();
        int rank = LapackSvd.numericalRank(svd.s(), a, c);
        if (h < rank)
            throw new IllegalArgumentException(what + ": hidden width h = " + h + " < rank " + rank
                    + " of the trained weight; allowed: h >= rank for an exact factorization (raise width)");
        int rr = (int) Math.min(h, usv[1].length());
        INDArray root = Transforms.pow(usv[1].get(NDArrayIndex.interval(0, rr)), 1.0 / d, true);
        DataType dt = mat.dataType();
        INDArray[] f = new INDArray[d];
        f[0] = Nd4j.randn(DataType.DOUBLE, a, h).muli(extraStd);
        f[0].get(NDArrayIndex.all(), NDArrayIndex.interval(0, rr))
                .assign(usv[0].get(NDArrayIndex.all(), NDArrayIndex.interval(0, rr)).mulRowVector(root.reshape(1, rr)));
        for (int i = 1; i < d - 1; i++) {
            f[i] = Nd4j.eye(h).castTo(DataType.DOUBLE);
            for (int j = 0; j < rr; j++) f[i].putScalar(j, j, root.getDouble(j));
        }
        f[d - 1] = Nd4j.zeros(DataType.DOUBLE, h, c);
        f[d - 1].get(NDArrayIndex.interval(0, rr), NDArrayIndex.all())
                .assign(usv[2].get(NDArrayIndex.interval(0, rr), NDArrayIndex.all()).mulColumnVector(root.reshape(rr, 1)));
        for (int i = 0; i < d; i++) f[i] = f[i].castTo(dt);
        return f;
    }

    /**
     * Parameters of an {@link ExpandedDense} (no residual) whose collapse equals the dense layer (W [nIn, nOut], b):
     * balanced SVD factors, the bias on the last factor, other biases 0, batch norm as identity
     * (γ = 1, β = 0, mean 0, var = 1 − eps).
     *
     * @throws IllegalArgumentException naming the argument if {@code e} is not an {@link ExpandedDense} with known
     *                                  nIn, {@code w} is not a finite floating-point [nIn, nOut] matrix of Frobenius
     *                                  norm at most 1e300 (its factors must stay in the double range), or {@code b}
     *                                  is not null or a finite vector of length nOut
     */
    public static Map<String, INDArray> factorDense(INDArray w, INDArray b, ExpandedLayer e) {
        // ---- input validation (bad input gets a clear error, never wrong-shaped factors)
        if (!(e instanceof ExpandedDense))
            throw new IllegalArgumentException("e = " + e + "; allowed: an ExpandedDense (factorConv for ExpandedConv2D)");
        if (w == null || w.rank() != 2 || w.rows() != e.getNIn() || w.columns() != e.getNOut())
            throw new IllegalArgumentException("w has shape " + (w == null ? "null" : java.util.Arrays.toString(w.shape()))
                    + "; allowed: [nIn, nOut] = [" + e.getNIn() + ", " + e.getNOut() + "] of " + e);
        if (!w.dataType().isFPType())
            throw new IllegalArgumentException("w has type " + w.dataType() + "; allowed: a floating-point type");
        double[] wd = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double wMax = 0, wSq = 0;   // max |w| and ‖w/max|w|‖_F², scaled so that huge entries do not overflow
        for (double v : wd) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("w has an entry " + v + "; allowed: finite values");
            wMax = Math.max(wMax, Math.abs(v));
        }
        for (double v : wd) if (wMax > 0) wSq += (v / wMax) * (v / wMax);
        if (Math.sqrt(wSq) * wMax > 1e300)
            throw new IllegalArgumentException("w has Frobenius norm " + Math.sqrt(wSq) * wMax + "; allowed: <= 1e300 "
                    + "(the factors of its SVD must stay in the double range)");
        if (b != null && (b.length() != e.getNOut() || b.rank() > 2 || (b.rank() == 2 && b.size(0) != 1 && b.size(1) != 1)))
            throw new IllegalArgumentException("b has shape " + java.util.Arrays.toString(b.shape())
                    + "; allowed: null or a vector of length nOut = " + e.getNOut());
        if (b != null)
            for (double v : b.castTo(DataType.DOUBLE).dup('c').data().asDouble())
                if (!Double.isFinite(v)) throw new IllegalArgumentException("b has an entry " + v + "; allowed: finite values");
        // ----
        if (e.isResidual()) throw new IllegalArgumentException("residual = true; allowed: false for factorization");
        int d = e.getDepth();
        INDArray[] f = balancedFactors(w, d, d == 1 ? (int) e.getNOut() : e.hiddenWidth(),
                1.0 / Math.sqrt(w.rows()), "layer " + e.getLayerName());
        return assemble(f, b, e);
    }

    /**
     * Parameters of an {@link ExpandedConv2D} with kernel sizes [k, 1, …, 1] (no residual) whose collapse equals the
     * convolution W [o, i, k, k], b: the kernel as a matrix [o, i·k·k] = U S Vt is split into a k×k first factor
     * S^{1/d}Vt and 1×1 factors, the last U S^{1/d}.
     */
    public static Map<String, INDArray> factorConv(INDArray w, INDArray b, ExpandedConv2D e) {
        if (e.isResidual()) throw new IllegalArgumentException("residual = true; allowed: false for factorization");
        int[] ks = e.getKernelSizes();
        for (int i = 1; i < ks.length; i++)
            if (ks[i] != 1) throw new IllegalArgumentException("kernelSizes = " + java.util.Arrays.toString(ks)
                    + "; allowed for factorization: [k, 1, ..., 1]");
        int d = e.getDepth();
        long o = w.size(0), in = w.size(1), k = w.size(2);
        int h = d == 1 ? (int) o : e.hiddenWidth();
        // In DL4J's [in, out] orientation the chain is x·F0·…: transpose the conv matrix so factor 0 is the k×k one.
        INDArray matT = w.reshape('c', o, in * k * k).transpose();          // [i·k·k, o]
        INDArray[] f = balancedFactors(matT, d, h, 1.0 / Math.sqrt(h * k * k), "layer " + e.getLayerName());
        INDArray[] kernels = new INDArray[d];
        for (int i = 0; i < d; i++) {
            INDArray t = f[i].transpose().dup('c');                            // [out_i, in_i(·k·k)]
            kernels[i] = i == 0 ? t.reshape('c', t.rows(), in, k, k) : t.reshape('c', t.rows(), t.columns(), 1, 1);
        }
        return assemble(kernels, b, e);
    }

    private static Map<String, INDArray> assemble(INDArray[] f, INDArray b, ExpandedLayer e) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        int d = f.length;
        for (int i = 0; i < d; i++) {
            p.put("W" + i, f[i]);
            if (e.hasBias()) {
                INDArray bi = Nd4j.zeros(f[i].dataType(), e.nodeSize(i + 1));
                if (i == d - 1 && b != null) bi.assign(b.reshape(bi.shape()));
                p.put("b" + i, bi);
            }
            if (e.isBatchNorm()) {
                long n = e.nodeSize(i + 1);
                p.put("gamma" + i, Nd4j.ones(f[i].dataType(), n));
                p.put("beta" + i, Nd4j.zeros(f[i].dataType(), n));
                p.put("mean" + i, Nd4j.zeros(f[i].dataType(), n));
                p.put("var" + i, Nd4j.ones(f[i].dataType(), n).subi(e.getBnEps()));
            }
        }
        if (!e.hasBias() && b != null && b.amaxNumber().doubleValue() != 0)
            throw new IllegalArgumentException("layer " + e.getLayerName() + " has a bias but the expanded layer has none");
        return p;
    }
}
