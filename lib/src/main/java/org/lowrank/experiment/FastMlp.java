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
import org.lowrank.linalg.FloatGemm;
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
 * with bias correction at iteration t + 1). What it does differently is how: every product is one call of a GEMM
 * kernel ({@link Kernel}: the Vector API's {@link FloatGemm} for float32, OpenBLAS's {@link NativeGemm} otherwise) on
 * buffers allocated once; a bias enters as the initial value of its product, ReLU runs in place and its backward
 * mask is read from the stored activation; no gradient is computed into the network input; with SGD each weight's
 * gradient product is accumulated straight into the weights (alpha = −lr/n, beta = 1) after the gradient of the
 * layer below has been taken from them. Results equal DL4J's up to rounding (summation order), checked in
 * {@code FastMlpTest} against {@code MultiLayerNetwork}: float64 to 1e-10, float32 to 1e-5 relative. Training
 * amplifies float32 rounding (a ReLU input within rounding of 0, Adam's g/√v of near-zero gradients): on notebook 08's
 * MLP the float32 parameters of the two drift apart by up to ~1e-4 relative within 5 steps (bench/README.md).
 *
 * <p>Use: {@code FastMlp.of(net, batch)} copies the network's parameters, {@link #step} trains,
 * {@link #copyParamsTo} writes the parameters back (for DL4J's evaluation, collapse, ρ). Not thread-safe;
 * {@link #close} frees the off-heap buffers.
 */
public final class FastMlp implements AutoCloseable {
    /**
     * What computes the products: {@code OPENBLAS} (float32 or float64, {@link NativeGemm} on off-heap buffers) or
     * {@code VECTOR} (float32 only, {@link FloatGemm} on float arrays whose rows are padded to whole vectors; needs
     * {@code --add-modules jdk.incubator.vector}). {@link #of(MultiLayerNetwork, int)} picks VECTOR for float32 where
     * available (it measured faster, bench/README.md), else OPENBLAS.
     */
    public enum Kernel { OPENBLAS, VECTOR }

    /** Softmax clipping of DL4J's MCXENT loss (its default). */
    private static final double CLIP = 1e-10;

    private final Arith ar;
    private final int maxBatch, factors, classes;
    private final int[] in, out;
    private final boolean[] bias, reluAfter;
    /** Per factor: which DL4J layer and which parameter suffix ("" for a plain layer, else the factor index). */
    private final int[] layerOf;
    private final String[] suffix;
    /** Buffers of the arithmetic in use ({@link Arith}): off-heap pointers or float arrays. */
    private final Object[] w, b, gw, gb, mw, vw, mb, vb, node;
    private final Object scratchA, scratchB;
    private final Kernel kernel;
    private final IUpdater updater;
    private final boolean miniBatch;
    private int iteration;
    private boolean closed;

    private FastMlp(MultiLayerNetwork net, int maxBatch, Kernel kernel) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch = " + maxBatch + "; allowed: >= 1");
        MultiLayerConfiguration mc = net.getLayerWiseConfigurations();
        DataType dt = mc.getDataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE)
            throw new IllegalArgumentException("network data type " + dt + "; allowed: FLOAT, DOUBLE");
        if (kernel == Kernel.VECTOR && dt != DataType.FLOAT)
            throw new IllegalArgumentException("kernel VECTOR computes in float32; the network's data type is " + dt);
        if (kernel == Kernel.VECTOR && !FloatGemm.available())
            throw new IllegalArgumentException("kernel VECTOR needs the JVM option --add-modules jdk.incubator.vector");
        this.kernel = kernel;
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
        this.ar = kernel == Kernel.VECTOR ? new F32Vector() : dt == DataType.FLOAT ? new F32(maxBatch) : new F64(maxBatch);
        boolean adam = upd instanceof Adam;
        w = new Object[factors];
        b = new Object[factors];
        gw = new Object[factors];
        gb = new Object[factors];
        mw = new Object[factors];
        vw = new Object[factors];
        this.mb = new Object[factors];
        vb = new Object[factors];
        node = new Object[factors + 1];
        int widest = 1;
        for (int i = 0; i < factors; i++) {
            long nw = (long) in[i] * ar.ld(out[i]);
            w[i] = ar.alloc(nw);
            if (bias[i]) b[i] = ar.alloc(ar.ld(out[i]));
            if (adam) {
                gw[i] = ar.alloc(nw);
                mw[i] = ar.alloc(nw);
                vw[i] = ar.alloc(nw);
                if (bias[i]) {
                    gb[i] = ar.alloc(ar.ld(out[i]));
                    this.mb[i] = ar.alloc(ar.ld(out[i]));
                    vb[i] = ar.alloc(ar.ld(out[i]));
                }
            }
            node[i + 1] = ar.alloc((long) maxBatch * ar.ld(out[i]));
            if (i > 0) widest = Math.max(widest, ar.ld(in[i]));
        }
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
        boolean f32 = net.getLayerWiseConfigurations().getDataType() == DataType.FLOAT;
        return new FastMlp(net, maxBatch, f32 && FloatGemm.available() ? Kernel.VECTOR : Kernel.OPENBLAS);
    }

    /** As {@link #of(MultiLayerNetwork, int)} with the products computed by {@code kernel}. */
    public static FastMlp of(MultiLayerNetwork net, int maxBatch, Kernel kernel) {
        if (net == null) throw new IllegalArgumentException("net is null");
        if (kernel == null) throw new IllegalArgumentException("kernel is null; allowed: " + java.util.Arrays.toString(Kernel.values()));
        return new FastMlp(net, maxBatch, kernel);
    }

    /** The kernel of the products and elementwise work. */
    public Kernel kernel() { return kernel; }

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
    public DataType dataType() { return ar instanceof F64 ? DataType.DOUBLE : DataType.FLOAT; }

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
        Object xp = ar.input(x, 0), yp = ar.input(y, 1);
        // forward
        for (int i = 0; i < factors; i++) {
            Object src = i == 0 ? xp : node[i], dst = node[i + 1];
            int lds = i == 0 ? in[0] : ar.ld(in[i]);
            if (bias[i]) ar.affine(n, out[i], in[i], src, lds, w[i], b[i], dst);
            else ar.gemm(false, false, n, out[i], in[i], 1, src, lds, w[i], ar.ld(out[i]), 0, dst, ar.ld(out[i]));
            if (reluAfter[i]) ar.relu(dst, (long) n * ar.ld(out[i]));
        }
        // loss; node[factors] becomes dL/dlogits (summed over the batch: softmax − labels)
        double loss = ar.softmaxCrossEntropy(node[factors], ar.ld(classes), yp, n, classes, CLIP) / n;
        // backward
        double scale = miniBatch ? 1.0 / n : 1.0;
        Object g = node[factors];
        for (int i = factors - 1; i >= 0; i--) {
            Object src = i == 0 ? xp : node[i];
            Object below = null;
            if (i > 0) {
                below = g == scratchA ? scratchB : scratchA;
                ar.gemm(false, true, n, in[i], out[i], 1, g, ar.ld(out[i]), w[i], ar.ld(out[i]), 0, below, ar.ld(in[i]));
                if (reluAfter[i - 1]) ar.reluMask(below, node[i], (long) n * ar.ld(in[i]));
            }
            update(i, src, g, n, scale);
            g = below;
        }
        iteration++;
        return loss;
    }

    private void update(int i, Object src, Object g, int n, double scale) {
        int lds = i == 0 ? in[0] : ar.ld(in[i]), ldo = ar.ld(out[i]);
        if (updater instanceof Sgd s) {
            double a = -s.getLearningRate() * scale;
            ar.gemm(true, false, in[i], out[i], n, a, src, lds, g, ldo, 1, w[i], ldo);
            if (bias[i]) ar.colSums(n, out[i], a, g, ldo, 1, b[i]);
        } else {
            Adam a = (Adam) updater;
            ar.gemm(true, false, in[i], out[i], n, scale, src, lds, g, ldo, 0, gw[i], ldo);
            ar.adam(w[i], gw[i], mw[i], vw[i], (long) in[i] * ldo, a, iteration);
            if (bias[i]) {
                ar.colSums(n, out[i], scale, g, ldo, 0, gb[i]);
                ar.adam(b[i], gb[i], mb[i], vb[i], ldo, a, iteration);
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
            ar.put(w[i], param(net, i, "W").dup('c'), in[i], out[i]);
            if (bias[i]) ar.put(b[i], param(net, i, "b").dup('c'), 1, out[i]);
        }
    }

    /** Writes this trainer's parameters into {@code net} (same architecture), e.g. for DL4J's evaluation. */
    public void copyParamsTo(MultiLayerNetwork net) {
        for (int i = 0; i < factors; i++) {
            INDArray wp = param(net, i, "W");
            wp.assign(ar.get(w[i], in[i], out[i]).reshape(wp.shape()));
            if (bias[i]) {
                INDArray bp = param(net, i, "b");
                bp.assign(ar.get(b[i], 1, out[i]).reshape(bp.shape()));
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
        for (Object[] ps : new Object[][]{w, b, gw, gb, mw, vw, mb, vb, node})
            for (Object p : ps) if (p != null) ar.free(p);
        ar.free(scratchA);
        ar.free(scratchB);
        ar.close();
    }

    /**
     * The arithmetic of one precision and kernel. Buffers are opaque handles; a matrix with {@code c} columns is
     * stored row-major with row stride {@link #ld}(c) (padding columns stay 0), except the input (stride = its width).
     */
    private interface Arith {
        /** Row stride of a matrix with {@code cols} columns. */
        int ld(int cols);

        /** A zero-filled buffer of {@code n} values. */
        Object alloc(long n);

        void free(Object p);

        default void close() { }

        /** The values of a C-order array of this precision (slot 0: features, 1: labels), without copying if possible. */
        Object input(INDArray a, int slot);

        /** Writes a C-order [rows, cols] array into dst (row stride ld(cols)). */
        void put(Object dst, INDArray a, int rows, int cols);

        /** A new C-order [rows, cols] array from src (row stride ld(cols)). */
        INDArray get(Object src, int rows, int cols);

        /** C[m×n] = alpha·op(A)·op(B) + beta·C (beta 0 or 1), row-major with the given row strides. */
        void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, int lda, Object b, int ldb,
                  double beta, Object c, int ldc);

        /** dst[n×out] = src[n×in]·W + bias (every row). */
        void affine(int n, int out, int in, Object src, int lds, Object w, Object bias, Object dst);

        /** y[j] = alpha·Σ_r g[r, j] + beta·y[j] for j < cols (beta 0 or 1). */
        void colSums(int rows, int cols, double alpha, Object g, int ldg, double beta, Object y);

        void relu(Object h, long n);

        /** g[i] = h[i] > 0 ? g[i] : 0. */
        void reluMask(Object g, Object h, long n);

        /** Sum over rows of −Σ y·log(clip(softmax)); overwrites the logits with softmax − labels. */
        double softmaxCrossEntropy(Object logits, int ldz, Object labels, int n, int c, double clip);

        /** libnd4j's adam_updater and DL4J's params −= update, in this precision. */
        void adam(Object p, Object g, Object m, Object v, long n, Adam conf, int iteration);
    }

    /** Adam's step size at iteration t (libnd4j's epsilonT; ε when it is not finite or 0). */
    private static double adamStep(Adam conf, int iteration) {
        double beta1T = Math.pow(conf.getBeta1(), iteration + 1), beta2T = Math.pow(conf.getBeta2(), iteration + 1);
        double epsT = conf.getLearningRate() * Math.sqrt(1 - beta2T) / (1.0 - beta1T);
        return Double.isNaN(epsT) || epsT == 0 || Double.isInfinite(epsT) ? conf.getEpsilon() : epsT;
    }

    /** float32 on float arrays through {@link FloatGemm} (rows padded to whole vectors). */
    private static final class F32Vector implements Arith {
        private final int lanes = FloatGemm.lanes();
        private final float[][] inputs = new float[2][];
        /** Transposed copies of the B operands of A·Bᵀ products, one per operand array (padding columns 0). */
        private final java.util.IdentityHashMap<Object, float[]> transposed = new java.util.IdentityHashMap<>();

        @Override
        public int ld(int cols) { return (cols + lanes - 1) / lanes * lanes; }

        @Override
        public Object alloc(long n) { return new float[Math.toIntExact(n)]; }

        @Override
        public void free(Object p) { }

        @Override
        public Object input(INDArray a, int slot) {
            int len = Math.toIntExact(a.length());
            if (inputs[slot] == null || inputs[slot].length < len) inputs[slot] = new float[len];
            new FloatPointer(a.data().addressPointer()).get(inputs[slot], 0, len);
            return inputs[slot];
        }

        @Override
        public void put(Object dst, INDArray a, int rows, int cols) {
            float[] v = a.data().asFloat(), d = (float[]) dst;
            for (int r = 0; r < rows; r++) System.arraycopy(v, r * cols, d, r * ld(cols), cols);
        }

        @Override
        public INDArray get(Object src, int rows, int cols) {
            float[] v = new float[rows * cols], s = (float[]) src;
            for (int r = 0; r < rows; r++) System.arraycopy(s, r * ld(cols), v, r * cols, cols);
            return Nd4j.create(v, new long[]{rows, cols}, 'c');
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, int lda, Object b, int ldb,
                         double beta, Object c, int ldc) {
            float[] bb = (float[]) b;
            int ldB = ldb;
            if (tb) { // B is [n×k]: copy Bᵀ [k×ld(n)], the padding columns stay 0
                int ldt = ld(n);
                float[] t = transposed.computeIfAbsent(b, key -> new float[k * ldt]);
                for (int j0 = 0; j0 < n; j0 += 8) {
                    int j1 = Math.min(n, j0 + 8);
                    for (int p0 = 0; p0 < k; p0 += 8) {
                        int p1 = Math.min(k, p0 + 8);
                        for (int j = j0; j < j1; j++) for (int p = p0; p < p1; p++) t[p * ldt + j] = bb[j * ldb + p];
                    }
                }
                bb = t;
                ldB = ldt;
            }
            FloatGemm.mul((float[]) a, ta ? 1 : lda, ta ? lda : 1, bb, ldB, (float[]) c, ldc, m, k, ld(n), (float) alpha,
                    beta != 0, null);
        }

        @Override
        public void affine(int n, int out, int in, Object src, int lds, Object w, Object bias, Object dst) {
            FloatGemm.mul((float[]) src, lds, 1, (float[]) w, ld(out), (float[]) dst, ld(out), n, in, ld(out), 1f, false, (float[]) bias);
        }

        @Override
        public void colSums(int rows, int cols, double alpha, Object g, int ldg, double beta, Object y) {
            float[] gf = (float[]) g, yf = (float[]) y, s = new float[cols];
            for (int r = 0; r < rows; r++) for (int j = 0, o = r * ldg; j < cols; j++) s[j] += gf[o + j];
            float a = (float) alpha;
            for (int j = 0; j < cols; j++) yf[j] = beta != 0 ? yf[j] + a * s[j] : a * s[j];
        }

        @Override
        public void relu(Object h, long n) {
            FloatGemm.relu((float[]) h, Math.toIntExact(n));
        }

        @Override
        public void reluMask(Object g, Object h, long n) {
            FloatGemm.reluMask((float[]) g, (float[]) h, Math.toIntExact(n));
        }

        @Override
        public double softmaxCrossEntropy(Object logits, int ldz, Object labels, int n, int c, double clip) {
            return softmaxXent((float[]) logits, ldz, (float[]) labels, c, n, c, clip);
        }

        @Override
        public void adam(Object p, Object g, Object m, Object v, long n, Adam conf, int iteration) {
            float[] pf = (float[]) p, gf = (float[]) g, mf = (float[]) m, vf = (float[]) v;
            float beta1 = (float) conf.getBeta1(), beta2 = (float) conf.getBeta2(), eps = (float) conf.getEpsilon();
            float epsT = (float) adamStep(conf, iteration), c1 = 1 - beta1, c2 = 1 - beta2;
            for (int i = 0; i < n; i++) {
                float gi = gf[i];
                float mi = beta1 * mf[i] + gi * c1, vi = beta2 * vf[i] + gi * gi * c2;
                mf[i] = mi;
                vf[i] = vi;
                pf[i] -= (mi * epsT) / ((float) Math.sqrt(vi) + eps);
            }
        }
    }

    /** float32 softmax cross-entropy on arrays (see {@link Arith#softmaxCrossEntropy}); labels row stride ldy. */
    private static double softmaxXent(float[] z, int ldz, float[] y, int ldy, int n, int c, double clip) {
        float lo = (float) clip, hi = (float) (1.0 - clip);
        double loss = 0;
        for (int r = 0; r < n; r++) {
            int o = r * ldz, oy = r * ldy;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, z[o + j]);
            float sum = 0;
            for (int j = 0; j < c; j++) {
                float e = (float) Math.exp(z[o + j] - max);
                z[o + j] = e;
                sum += e;
            }
            for (int j = 0; j < c; j++) {
                float p = z[o + j] / sum, t = y[oy + j];
                float pc = p < lo ? lo : (p > hi ? hi : p);
                loss -= t * Math.log(pc);
                z[o + j] = p - t;
            }
        }
        return loss;
    }

    /** The OpenBLAS arithmetic on off-heap buffers, common to both precisions. */
    private abstract static class Native implements Arith {
        /** maxBatch ones: the left factor of the bias broadcast and the right factor of the column sums. */
        final Pointer ones;

        Native(int maxBatch) {
            ones = (Pointer) alloc(maxBatch);
            fillOnes(ones, maxBatch);
        }

        abstract void fillOnes(Pointer p, int n);

        abstract Pointer typed(Pointer address, long n);

        @Override
        public int ld(int cols) { return cols; }

        @Override
        public void free(Object p) { ((Pointer) p).close(); }

        @Override
        public void close() { ones.close(); }

        @Override
        public Object input(INDArray a, int slot) { return typed(a.data().addressPointer(), a.length()); }

        @Override
        public void affine(int n, int out, int in, Object src, int lds, Object w, Object bias, Object dst) {
            gemm(false, false, n, out, 1, 1, ones, 1, bias, out, 0, dst, out);
            gemm(false, false, n, out, in, 1, src, lds, w, out, 1, dst, out);
        }
    }

    private static final class F32 extends Native {
        F32(int maxBatch) { super(maxBatch); }

        @Override
        public Pointer alloc(long n) { return new FloatPointer(n).zero(); }

        @Override
        void fillOnes(Pointer p, int n) {
            float[] v = new float[n];
            java.util.Arrays.fill(v, 1f);
            ((FloatPointer) p).put(v);
        }

        @Override
        Pointer typed(Pointer address, long n) { return new FloatPointer(address).capacity(n).limit(n); }

        private static FloatBuffer buf(Object p) { return ((FloatPointer) p).asBuffer(); }

        @Override
        public void put(Object dst, INDArray a, int rows, int cols) { ((FloatPointer) dst).put(a.data().asFloat()); }

        @Override
        public INDArray get(Object src, int rows, int cols) {
            float[] v = new float[rows * cols];
            ((FloatPointer) src).get(v);
            return Nd4j.create(v, new long[]{rows, cols}, 'c');
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, int lda, Object b, int ldb,
                         double beta, Object c, int ldc) {
            NativeGemm.sgemm(ta, tb, m, n, k, (float) alpha, (FloatPointer) a, 0, lda, (FloatPointer) b, 0, ldb, (float) beta,
                    (FloatPointer) c, 0, ldc);
        }

        @Override
        public void colSums(int rows, int cols, double alpha, Object g, int ldg, double beta, Object y) {
            NativeGemm.sgemvT(rows, cols, (float) alpha, (FloatPointer) g, ldg, (FloatPointer) ones, (float) beta, (FloatPointer) y);
        }

        @Override
        public void relu(Object h, long n) {
            FloatBuffer f = buf(h);
            for (int i = 0; i < n; i++) f.put(i, Math.max(f.get(i), 0f));
        }

        @Override
        public void reluMask(Object g, Object h, long n) {
            FloatBuffer gf = buf(g), hf = buf(h);
            for (int i = 0; i < n; i++) gf.put(i, hf.get(i) > 0f ? gf.get(i) : 0f);
        }

        @Override
        public double softmaxCrossEntropy(Object logits, int ldz, Object labels, int n, int c, double clip) {
            float[] z = new float[n * ldz], y = new float[n * c];
            ((FloatPointer) logits).get(z);
            ((FloatPointer) labels).get(y);
            double loss = softmaxXent(z, ldz, y, c, n, c, clip);
            ((FloatPointer) logits).put(z);
            return loss;
        }

        @Override
        public void adam(Object p, Object g, Object m, Object v, long n, Adam conf, int iteration) {
            float beta1 = (float) conf.getBeta1(), beta2 = (float) conf.getBeta2(), eps = (float) conf.getEpsilon();
            float epsT = (float) adamStep(conf, iteration), c1 = 1 - beta1, c2 = 1 - beta2;
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

    private static final class F64 extends Native {
        F64(int maxBatch) { super(maxBatch); }

        @Override
        public Pointer alloc(long n) { return new DoublePointer(n).zero(); }

        @Override
        void fillOnes(Pointer p, int n) {
            double[] v = new double[n];
            java.util.Arrays.fill(v, 1.0);
            ((DoublePointer) p).put(v);
        }

        @Override
        Pointer typed(Pointer address, long n) { return new DoublePointer(address).capacity(n).limit(n); }

        private static DoubleBuffer buf(Object p) { return ((DoublePointer) p).asBuffer(); }

        @Override
        public void put(Object dst, INDArray a, int rows, int cols) { ((DoublePointer) dst).put(a.data().asDouble()); }

        @Override
        public INDArray get(Object src, int rows, int cols) {
            double[] v = new double[rows * cols];
            ((DoublePointer) src).get(v);
            return Nd4j.create(v, new long[]{rows, cols}, 'c');
        }

        @Override
        public void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, Object a, int lda, Object b, int ldb,
                         double beta, Object c, int ldc) {
            NativeGemm.dgemm(ta, tb, m, n, k, alpha, (DoublePointer) a, 0, lda, (DoublePointer) b, 0, ldb, beta,
                    (DoublePointer) c, 0, ldc);
        }

        @Override
        public void colSums(int rows, int cols, double alpha, Object g, int ldg, double beta, Object y) {
            NativeGemm.dgemvT(rows, cols, alpha, (DoublePointer) g, ldg, (DoublePointer) ones, beta, (DoublePointer) y);
        }

        @Override
        public void relu(Object h, long n) {
            DoubleBuffer f = buf(h);
            for (int i = 0; i < n; i++) f.put(i, Math.max(f.get(i), 0.0));
        }

        @Override
        public void reluMask(Object g, Object h, long n) {
            DoubleBuffer gf = buf(g), hf = buf(h);
            for (int i = 0; i < n; i++) gf.put(i, hf.get(i) > 0 ? gf.get(i) : 0.0);
        }

        @Override
        public double softmaxCrossEntropy(Object logits, int ldz, Object labels, int n, int c, double clip) {
            DoubleBuffer z = buf(logits), y = buf(labels);
            double lo = clip, hi = 1.0 - clip;
            double loss = 0;
            for (int r = 0; r < n; r++) {
                int o = r * ldz, oy = r * c;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) max = Math.max(max, z.get(o + j));
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    double e = Math.exp(z.get(o + j) - max);
                    z.put(o + j, e);
                    sum += e;
                }
                for (int j = 0; j < c; j++) {
                    double p = z.get(o + j) / sum, t = y.get(oy + j);
                    double pc = p < lo ? lo : (p > hi ? hi : p);
                    loss -= t * Math.log(pc);
                    z.put(o + j, p - t);
                }
            }
            return loss;
        }

        @Override
        public void adam(Object p, Object g, Object m, Object v, long n, Adam conf, int iteration) {
            double beta1 = conf.getBeta1(), beta2 = conf.getBeta2(), eps = conf.getEpsilon();
            double epsT = adamStep(conf, iteration);
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
