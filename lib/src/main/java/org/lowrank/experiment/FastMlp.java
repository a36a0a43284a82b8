package org.lowrank.experiment;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.expand.ExpandedDense;
import org.lowrank.linalg.NativeGemm;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A training loop for (expanded) dense MLPs outside DL4J's {@code MultiLayerNetwork}: the same model and the same
 * update as DL4J, on preallocated off-heap buffers, in float32 or float64 (the network's data type).
 *
 * <p>Supported networks (anything else throws {@link IllegalArgumentException} naming the layer): hidden layers that
 * are DL4J {@link DenseLayer}s or {@link ExpandedDense} layers (no batch norm, no residual edges; a product of dense
 * factors with biases or without) with identity or ReLU activation, then an {@link OutputLayer} with softmax and
 * multi-class cross-entropy (DL4J's {@link LossMCXENT}, no weights); an input preprocessor only where it flattens
 * an image ({@link CnnToFeedForwardPreProcessor}); updater plain SGD or Adam with a constant learning rate, the same
 * on every layer and bias; no regularization, dropout, weight noise, gradient normalization or constraints.
 *
 * <p>One {@link #step} is DL4J's {@code MultiLayerNetwork.fit(features, labels)}: the forward pass, the mean loss
 * −Σ y·log(clip(softmax, 1e-10, 1−1e-10)) / n (DL4J's score, before the update), the gradient summed over the batch
 * and divided by n (DL4J's minibatch rule), and the updater (SGD: W −= lr·g; Adam: libnd4j's {@code adam_updater}
 * with bias correction at iteration t + 1). What it does differently is how: every product is one OpenBLAS call
 * ({@link NativeGemm}) on buffers allocated once; a bias enters as the initial value of its product (a k = 1 product
 * of ones and the bias), ReLU runs in place and its backward mask is read from the stored activation; no gradient
 * is computed into the network input; with SGD each weight's gradient product is accumulated straight into the
 * weights (alpha = −lr/n, beta = 1) after the gradient of the layer below has been taken from them. Results equal
 * DL4J's up to rounding (summation order), checked in {@code FastMlpTest} against {@code MultiLayerNetwork}: float64
 * to 1e-10, float32 to 1e-5 relative.
 *
 * <p>Use: {@code FastMlp.of(net, batch)} copies the network's parameters, {@link #step} trains,
 * {@link #copyParamsTo} writes the parameters back (for DL4J's evaluation, collapse, ρ). Not thread-safe;
 * {@link #close} frees the off-heap buffers.
 */
public final class FastMlp implements AutoCloseable {
    /** Softmax clipping of DL4J's MCXENT loss (its default). */
    private static final double CLIP = 1e-10;

    private final Arith ar;
    private final int maxBatch, factors, classes;
    private final int[] in, out;
    private final boolean[] bias, reluAfter;
    /** Per factor: which DL4J layer and which parameter suffix ("" for a plain layer, else the factor index). */
    private final int[] layerOf;
    private final String[] suffix;
    private final Pointer[] w, b, gw, gb, mw, vw, mb, vb, node;
    private final Pointer ones, scratchA, scratchB;
    private final IUpdater updater;
    private final boolean miniBatch;
    private int iteration;
    private boolean closed;

    private FastMlp(MultiLayerNetwork net, int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch = " + maxBatch + "; allowed: >= 1");
        MultiLayerConfiguration mc = net.getLayerWiseConfigurations();
        DataType dt = mc.getDataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE)
            throw new IllegalArgumentException("network data type " + dt + "; allowed: FLOAT, DOUBLE");
        this.ar = dt == DataType.FLOAT ? new F32() : new F64();
        this.maxBatch = maxBatch;
        int nLayers = net.getnLayers();
        List<int[]> shapes = new ArrayList<>();
        List<Boolean> biasL = new ArrayList<>(), reluL = new ArrayList<>();
        List<Integer> layerL = new ArrayList<>();
        List<String> suffixL = new ArrayList<>();
        IUpdater upd = null;
        boolean miniBatchAll = true;
        for (int l = 0; l < nLayers; l++) {
            NeuralNetConfiguration conf = mc.getConf(l);
            org.deeplearning4j.nn.conf.layers.Layer lc = conf.getLayer();
            String where = "layer " + l + " (" + lc.getClass().getSimpleName() + ")";
            InputPreProcessor pre = mc.getInputPreProcess(l);
            if (pre != null && !(l == 0 && pre instanceof CnnToFeedForwardPreProcessor))
                throw new IllegalArgumentException(where + ": input preprocessor " + pre.getClass().getSimpleName()
                        + "; allowed: none, or CnnToFeedForwardPreProcessor before layer 0");
            if (!(lc instanceof BaseLayer bl)) throw new IllegalArgumentException(where + ": not a dense layer; allowed: "
                    + "DenseLayer, ExpandedDense, OutputLayer (softmax, MCXENT)");
            checkPlainTraining(bl, where);
            IUpdater u = bl.getIUpdater();
            if (upd == null) upd = u;
            else if (!upd.equals(u)) throw new IllegalArgumentException(where + ": updater " + u + " differs from layer 0's " + upd);
            if (bl.getBiasUpdater() != null && !upd.equals(bl.getBiasUpdater()))
                throw new IllegalArgumentException(where + ": bias updater " + bl.getBiasUpdater() + " differs from " + upd);
            miniBatchAll &= conf.isMiniBatch();
            boolean last = l == nLayers - 1;
            IActivation act = bl.getActivationFn();
            if (last) {
                if (!(lc instanceof OutputLayer o) || !(o.getLossFn() instanceof LossMCXENT loss) || loss.getWeights() != null
                        || loss.getSoftmaxClipEps() != CLIP || !(act instanceof ActivationSoftmax))
                    throw new IllegalArgumentException(where + ": the last layer must be an OutputLayer with softmax and "
                            + "unweighted MCXENT (clip 1e-10)");
            } else if (!(act instanceof ActivationIdentity) && !(act instanceof ActivationReLU r && isPlainRelu(r))) {
                throw new IllegalArgumentException(where + ": activation " + act + "; allowed: identity, ReLU");
            }
            boolean relu = !last && act instanceof ActivationReLU;
            if (lc instanceof ExpandedDense e) {
                if (e.isBatchNorm() || e.isResidual())
                    throw new IllegalArgumentException(where + ": batch norm or residual edges; allowed: a plain product");
                for (int i = 0; i < e.getDepth(); i++) {
                    INDArray wi = net.getLayer(l).getParam("W" + i);
                    shapes.add(new int[]{(int) wi.size(0), (int) wi.size(1)});
                    biasL.add(e.hasBias());
                    reluL.add(relu && i == e.getDepth() - 1);
                    layerL.add(l);
                    suffixL.add(Integer.toString(i));
                }
            } else if (lc instanceof DenseLayer || last) {
                INDArray wi = net.getLayer(l).getParam("W");
                shapes.add(new int[]{(int) wi.size(0), (int) wi.size(1)});
                biasL.add(lc instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) lc).hasBias());
                reluL.add(relu);
                layerL.add(l);
                suffixL.add("");
            } else {
                throw new IllegalArgumentException(where + ": allowed: DenseLayer, ExpandedDense, OutputLayer");
            }
        }
        if (!(upd instanceof Sgd) && !(upd instanceof Adam))
            throw new IllegalArgumentException("updater " + upd + "; allowed: Sgd, Adam (constant learning rate)");
        if ((upd instanceof Sgd s && s.getLearningRateSchedule() != null) || (upd instanceof Adam a && a.getLearningRateSchedule() != null))
            throw new IllegalArgumentException("updater " + upd + " has a learning-rate schedule; allowed: constant rate");
        this.updater = upd;
        this.miniBatch = miniBatchAll;
        this.factors = shapes.size();
        in = new int[factors];
        out = new int[factors];
        bias = new boolean[factors];
        reluAfter = new boolean[factors];
        layerOf = new int[factors];
        suffix = new String[factors];
        for (int i = 0; i < factors; i++) {
            in[i] = shapes.get(i)[0];
            out[i] = shapes.get(i)[1];
            if (i > 0 && in[i] != out[i - 1])
                throw new IllegalStateException("factor " + i + " takes " + in[i] + " inputs, factor " + (i - 1) + " gives " + out[i - 1]);
            bias[i] = biasL.get(i);
            reluAfter[i] = reluL.get(i);
            layerOf[i] = layerL.get(i);
            suffix[i] = suffixL.get(i);
        }
        classes = out[factors - 1];
        boolean adam = upd instanceof Adam;
        w = new Pointer[factors];
        b = new Pointer[factors];
        gw = new Pointer[factors];
        gb = new Pointer[factors];
        mw = new Pointer[factors];
        vw = new Pointer[factors];
        this.mb = new Pointer[factors];
        vb = new Pointer[factors];
        node = new Pointer[factors + 1];
        int widest = 1;
        for (int i = 0; i < factors; i++) {
            long nw = (long) in[i] * out[i];
            w[i] = ar.alloc(nw);
            if (bias[i]) b[i] = ar.alloc(out[i]);
            if (adam) {
                gw[i] = ar.alloc(nw);
                mw[i] = ar.zeros(nw);
                vw[i] = ar.zeros(nw);
                if (bias[i]) {
                    gb[i] = ar.alloc(out[i]);
                    this.mb[i] = ar.zeros(out[i]);
                    vb[i] = ar.zeros(out[i]);
                }
            }
            node[i + 1] = ar.alloc((long) maxBatch * out[i]);
            if (i > 0) widest = Math.max(widest, in[i]);
        }
        ones = ar.alloc(maxBatch);
        ar.fill(ones, maxBatch, 1.0);
        scratchA = ar.alloc((long) maxBatch * widest);
        scratchB = ar.alloc((long) maxBatch * widest);
        iteration = net.getIterationCount();
        copyParamsFrom(net);
    }

    /**
     * A trainer for {@code net}'s architecture, updater and data type, starting from its current parameters and
     * iteration count (Adam's moments start at zero, like a new DL4J updater), for minibatches of up to
     * {@code maxBatch} rows.
     */
    public static FastMlp of(MultiLayerNetwork net, int maxBatch) {
        if (net == null) throw new IllegalArgumentException("net is null");
        return new FastMlp(net, maxBatch);
    }

    private static boolean isPlainRelu(ActivationReLU r) {
        // ActivationReLU(max, threshold, negativeSlope) with the defaults is max(x, 0)
        return r.equals(new ActivationReLU());
    }

    private static void checkPlainTraining(BaseLayer bl, String where) {
        if (bl.getRegularization() != null && !bl.getRegularization().isEmpty()
                || bl.getRegularizationBias() != null && !bl.getRegularizationBias().isEmpty())
            throw new IllegalArgumentException(where + ": regularization " + bl.getRegularization() + "; allowed: none");
        if (bl.getIDropout() != null) throw new IllegalArgumentException(where + ": dropout " + bl.getIDropout() + "; allowed: none");
        if (bl.getWeightNoise() != null) throw new IllegalArgumentException(where + ": weight noise; allowed: none");
        if (bl.getGradientNormalization() != null && bl.getGradientNormalization() != GradientNormalization.None)
            throw new IllegalArgumentException(where + ": gradient normalization " + bl.getGradientNormalization() + "; allowed: None");
        if (bl.getConstraints() != null && !bl.getConstraints().isEmpty())
            throw new IllegalArgumentException(where + ": constraints " + bl.getConstraints() + "; allowed: none");
    }

    /** Number of dense factors (every linear map, the output layer included). */
    public int factors() { return factors; }

    /** Training steps taken so far, counting from the network's iteration count at {@link #of}. */
    public int iteration() { return iteration; }

    /** The data type computed in. */
    public DataType dataType() { return ar instanceof F32 ? DataType.FLOAT : DataType.DOUBLE; }

    /**
     * One training step on a minibatch (DL4J's {@code fit(features, labels)}); returns the mean loss before the
     * update (DL4J's score). {@code features}: [n, nIn] or [n, c, h, w] (flattened in C order), {@code labels}:
     * [n, classes] (one-hot or class probabilities), both in the network's data type, 1 ≤ n ≤ maxBatch.
     */
    public double step(INDArray features, INDArray labels) {
        if (closed) throw new IllegalStateException("closed");
        int n = (int) features.size(0);
        if (n < 1 || n > maxBatch) throw new IllegalArgumentException("features has " + n + " rows; allowed: 1.." + maxBatch);
        if (features.length() != (long) n * in[0])
            throw new IllegalArgumentException("features " + java.util.Arrays.toString(features.shape()) + " has "
                    + features.length() / n + " values per row; the network takes " + in[0]);
        if (labels.rank() != 2 || labels.size(0) != n || labels.size(1) != classes)
            throw new IllegalArgumentException("labels " + java.util.Arrays.toString(labels.shape()) + "; allowed: [" + n + ", " + classes + "]");
        INDArray x = contiguous(features), y = contiguous(labels);
        Pointer xp = ar.wrap(x.data().addressPointer(), x.length());
        Pointer yp = ar.wrap(y.data().addressPointer(), y.length());
        // forward
        for (int i = 0; i < factors; i++) {
            Pointer src = i == 0 ? xp : node[i], dst = node[i + 1];
            if (bias[i]) ar.gemm(false, false, n, out[i], 1, 1, ones, 1, b[i], out[i], 0, dst, out[i]);
            ar.gemm(false, false, n, out[i], in[i], 1, src, in[i], w[i], out[i], bias[i] ? 1 : 0, dst, out[i]);
            if (reluAfter[i]) ar.relu(dst, (long) n * out[i]);
        }
        // loss; node[factors] becomes dL/dlogits (summed over the batch: softmax − labels)
        double loss = ar.softmaxCrossEntropy(node[factors], yp, n, classes, CLIP) / n;
        // backward
        double scale = miniBatch ? 1.0 / n : 1.0;
        Pointer g = node[factors];
        for (int i = factors - 1; i >= 0; i--) {
            Pointer src = i == 0 ? xp : node[i];
            Pointer below = null;
            if (i > 0) {
                below = g == scratchA ? scratchB : scratchA;
                ar.gemm(false, true, n, in[i], out[i], 1, g, out[i], w[i], out[i], 0, below, in[i]);
                if (reluAfter[i - 1]) ar.reluMask(below, node[i], (long) n * in[i]);
            }
            update(i, src, g, n, scale);
            g = below;
        }
        iteration++;
        return loss;
    }

    private void update(int i, Pointer src, Pointer g, int n, double scale) {
        if (updater instanceof Sgd s) {
            double a = -s.getLearningRate() * scale;
            ar.gemm(true, false, in[i], out[i], n, a, src, in[i], g, out[i], 1, w[i], out[i]);
            if (bias[i]) ar.gemvT(n, out[i], a, g, out[i], ones, 1, b[i]);
        } else {
            Adam a = (Adam) updater;
            ar.gemm(true, false, in[i], out[i], n, scale, src, in[i], g, out[i], 0, gw[i], out[i]);
            ar.adam(w[i], gw[i], mw[i], vw[i], (long) in[i] * out[i], a, iteration);
            if (bias[i]) {
                ar.gemvT(n, out[i], scale, g, out[i], ones, 0, gb[i]);
                ar.adam(b[i], gb[i], mb[i], vb[i], out[i], a, iteration);
            }
        }
    }

    private INDArray contiguous(INDArray a) {
        DataType dt = dataType();
        if (a.dataType() != dt) throw new IllegalArgumentException("array of type " + a.dataType() + "; allowed: " + dt);
        if (a.isView() || a.ordering() != 'c' || a.elementWiseStride() != 1 || a.offset() != 0) return a.dup('c');
        return a;
    }

    /** Copies {@code net}'s parameters (same architecture) into this trainer. */
    public void copyParamsFrom(MultiLayerNetwork net) {
        for (int i = 0; i < factors; i++) {
            ar.put(w[i], param(net, i, "W").dup('c'));
            if (bias[i]) ar.put(b[i], param(net, i, "b").dup('c'));
        }
    }

    /** Writes this trainer's parameters into {@code net} (same architecture), e.g. for DL4J's evaluation. */
    public void copyParamsTo(MultiLayerNetwork net) {
        for (int i = 0; i < factors; i++) {
            INDArray wp = param(net, i, "W");
            wp.assign(ar.get(w[i], wp.shape()));
            if (bias[i]) {
                INDArray bp = param(net, i, "b");
                bp.assign(ar.get(b[i], bp.shape()));
            }
        }
    }

    private INDArray param(MultiLayerNetwork net, int i, String base) {
        INDArray p = net.getLayer(layerOf[i]).getParam(base + suffix[i]);
        if (p == null) throw new IllegalArgumentException("network has no parameter " + base + suffix[i] + " in layer " + layerOf[i]);
        return p;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Pointer[] ps : new Pointer[][]{w, b, gw, gb, mw, vw, mb, vb, node})
            for (Pointer p : ps) if (p != null) p.close();
        ones.close();
        scratchA.close();
        scratchB.close();
    }

    /** The arithmetic of one precision on off-heap buffers. */
    private interface Arith {
        Pointer alloc(long n);

        default Pointer zeros(long n) {
            Pointer p = alloc(n);
            fill(p, n, 0);
            return p;
        }

        void fill(Pointer p, long n, double v);

        /** A typed pointer over {@code n} values at another pointer's address (an INDArray's buffer). */
        Pointer wrap(Pointer address, long n);

        void put(Pointer dst, INDArray cOrder);

        INDArray get(Pointer src, long[] shape);

        void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Pointer a, int lda, Pointer b, int ldb,
                  double beta, Pointer c, int ldc);

        void gemvT(int rows, int cols, double alpha, Pointer a, int lda, Pointer x, double beta, Pointer y);

        void relu(Pointer h, long n);

        /** g[i] = h[i] > 0 ? g[i] : 0. */
        void reluMask(Pointer g, Pointer h, long n);

        /** Sum over rows of −Σ y·log(clip(softmax)); overwrites the logits with softmax − labels. */
        double softmaxCrossEntropy(Pointer logits, Pointer labels, int n, int c, double clip);

        /** libnd4j's adam_updater and DL4J's params −= update, in this precision. */
        void adam(Pointer p, Pointer g, Pointer m, Pointer v, long n, Adam conf, int iteration);
    }

    private static final class F32 implements Arith {
        @Override
        public Pointer alloc(long n) {
            return new FloatPointer(n);
        }

        private static FloatBuffer buf(Pointer p) {
            return ((FloatPointer) p).asBuffer();
        }

        @Override
        public void fill(Pointer p, long n, double v) {
            FloatBuffer f = buf(p);
            for (int i = 0; i < n; i++) f.put(i, (float) v);
        }

        @Override
        public Pointer wrap(Pointer address, long n) {
            return new FloatPointer(address).capacity(n).limit(n);
        }

        @Override
        public void put(Pointer dst, INDArray a) {
            ((FloatPointer) dst).put(a.data().asFloat());
        }

        @Override
        public INDArray get(Pointer src, long[] shape) {
            long len = 1;
            for (long s : shape) len *= s;
            float[] v = new float[(int) len];
            ((FloatPointer) src).get(v);
            return Nd4j.create(v, shape, 'c');
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Pointer a, int lda, Pointer b, int ldb,
                         double beta, Pointer c, int ldc) {
            NativeGemm.sgemm(ta, tb, m, n, k, (float) alpha, (FloatPointer) a, 0, lda, (FloatPointer) b, 0, ldb, (float) beta,
                    (FloatPointer) c, 0, ldc);
        }

        @Override
        public void gemvT(int rows, int cols, double alpha, Pointer a, int lda, Pointer x, double beta, Pointer y) {
            NativeGemm.sgemvT(rows, cols, (float) alpha, (FloatPointer) a, lda, (FloatPointer) x, (float) beta, (FloatPointer) y);
        }

        @Override
        public void relu(Pointer h, long n) {
            FloatBuffer f = buf(h);
            for (int i = 0; i < n; i++) f.put(i, Math.max(f.get(i), 0f));
        }

        @Override
        public void reluMask(Pointer g, Pointer h, long n) {
            FloatBuffer gf = buf(g), hf = buf(h);
            for (int i = 0; i < n; i++) gf.put(i, hf.get(i) > 0f ? gf.get(i) : 0f);
        }

        @Override
        public double softmaxCrossEntropy(Pointer logits, Pointer labels, int n, int c, double clip) {
            FloatBuffer z = buf(logits), y = buf(labels);
            float lo = (float) clip, hi = (float) (1.0 - clip);
            double loss = 0;
            for (int r = 0, o = 0; r < n; r++, o += c) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) max = Math.max(max, z.get(o + j));
                float sum = 0;
                for (int j = 0; j < c; j++) {
                    float e = (float) Math.exp(z.get(o + j) - max);
                    z.put(o + j, e);
                    sum += e;
                }
                for (int j = 0; j < c; j++) {
                    float p = z.get(o + j) / sum, t = y.get(o + j);
                    float pc = p < lo ? lo : (p > hi ? hi : p);
                    loss -= t * Math.log(pc);
                    z.put(o + j, p - t);
                }
            }
            return loss;
        }

        @Override
        public void adam(Pointer p, Pointer g, Pointer m, Pointer v, long n, Adam conf, int iteration) {
            float beta1 = (float) conf.getBeta1(), beta2 = (float) conf.getBeta2(), eps = (float) conf.getEpsilon();
            float lr = (float) conf.getLearningRate();
            float beta1T = (float) Math.pow(beta1, iteration + 1), beta2T = (float) Math.pow(beta2, iteration + 1);
            float epsT = (float) (lr * (float) Math.sqrt(1f - beta2T) / (1.0f - beta1T));
            if (Float.isNaN(epsT) || epsT == 0 || Float.isInfinite(epsT)) epsT = eps;
            float c1 = 1 - beta1, c2 = 1 - beta2;
            FloatBuffer pf = buf(p), gf = buf(g), mf = buf(m), vf = buf(v);
            for (int i = 0; i < n; i++) {
                float gi = gf.get(i);
                float mi = beta1 * mf.get(i) + gi * c1, vi = beta2 * vf.get(i) + gi * gi * c2;
                mf.put(i, mi);
                vf.put(i, vi);
                pf.put(i, pf.get(i) - (mi * epsT) / ((float) Math.sqrt(vi) + eps));
            }
        }
    }

    private static final class F64 implements Arith {
        @Override
        public Pointer alloc(long n) {
            return new DoublePointer(n);
        }

        private static DoubleBuffer buf(Pointer p) {
            return ((DoublePointer) p).asBuffer();
        }

        @Override
        public void fill(Pointer p, long n, double v) {
            DoubleBuffer f = buf(p);
            for (int i = 0; i < n; i++) f.put(i, v);
        }

        @Override
        public Pointer wrap(Pointer address, long n) {
            return new DoublePointer(address).capacity(n).limit(n);
        }

        @Override
        public void put(Pointer dst, INDArray a) {
            ((DoublePointer) dst).put(a.data().asDouble());
        }

        @Override
        public INDArray get(Pointer src, long[] shape) {
            long len = 1;
            for (long s : shape) len *= s;
            double[] v = new double[(int) len];
            ((DoublePointer) src).get(v);
            return Nd4j.create(v, shape, 'c');
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Pointer a, int lda, Pointer b, int ldb,
                         double beta, Pointer c, int ldc) {
            NativeGemm.dgemm(ta, tb, m, n, k, alpha, (DoublePointer) a, 0, lda, (DoublePointer) b, 0, ldb, beta,
                    (DoublePointer) c, 0, ldc);
        }

        @Override
        public void gemvT(int rows, int cols, double alpha, Pointer a, int lda, Pointer x, double beta, Pointer y) {
            NativeGemm.dgemvT(rows, cols, alpha, (DoublePointer) a, lda, (DoublePointer) x, beta, (DoublePointer) y);
        }

        @Override
        public void relu(Pointer h, long n) {
            DoubleBuffer f = buf(h);
            for (int i = 0; i < n; i++) f.put(i, Math.max(f.get(i), 0.0));
        }

        @Override
        public void reluMask(Pointer g, Pointer h, long n) {
            DoubleBuffer gf = buf(g), hf = buf(h);
            for (int i = 0; i < n; i++) gf.put(i, hf.get(i) > 0 ? gf.get(i) : 0.0);
        }

        @Override
        public double softmaxCrossEntropy(Pointer logits, Pointer labels, int n, int c, double clip) {
            DoubleBuffer z = buf(logits), y = buf(labels);
            double lo = clip, hi = 1.0 - clip;
            double loss = 0;
            for (int r = 0, o = 0; r < n; r++, o += c) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) max = Math.max(max, z.get(o + j));
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    double e = Math.exp(z.get(o + j) - max);
                    z.put(o + j, e);
                    sum += e;
                }
                for (int j = 0; j < c; j++) {
                    double p = z.get(o + j) / sum, t = y.get(o + j);
                    double pc = p < lo ? lo : (p > hi ? hi : p);
                    loss -= t * Math.log(pc);
                    z.put(o + j, p - t);
                }
            }
            return loss;
        }

        @Override
        public void adam(Pointer p, Pointer g, Pointer m, Pointer v, long n, Adam conf, int iteration) {
            double beta1 = conf.getBeta1(), beta2 = conf.getBeta2(), eps = conf.getEpsilon(), lr = conf.getLearningRate();
            double beta1T = Math.pow(beta1, iteration + 1), beta2T = Math.pow(beta2, iteration + 1);
            double epsT = lr * Math.sqrt(1 - beta2T) / (1.0 - beta1T);
            if (Double.isNaN(epsT) || epsT == 0 || Double.isInfinite(epsT)) epsT = eps;
            DoubleBuffer pf = buf(p), gf = buf(g), mf = buf(m), vf = buf(v);
            for (int i = 0; i < n; i++) {
                double gi = gf.get(i);
                double mi = beta1 * mf.get(i) + gi * (1 - beta1), vi = beta2 * vf.get(i) + gi * gi * (1 - beta2);
                mf.put(i, mi);
                vf.put(i, vi);
                pf.put(i, pf.get(i) - (mi * epsT) / (Math.sqrt(vi) + eps));
            }
        }
    }
}
