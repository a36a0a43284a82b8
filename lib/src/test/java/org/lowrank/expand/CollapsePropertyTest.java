package org.lowrank.expand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Property tests of {@link Collapse} and {@link Expand#factorDense}: random shapes, depths, widths, biases, batch
 * norm, residual edges and weight scales from 2^-1070 to 2^1010. Required: the collapse of a factorization is the
 * original weight and bias within 1e-10 (relative to the largest entry, fp64); the collapse of random parameters
 * equals the layer's chain evaluated directly; the result has the collapsed layer's shape; and bad input (missing,
 * mis-shaped, mistyped or non-finite parameters, impossible statistics) is an {@link IllegalArgumentException} naming
 * the parameter. Every try runs on one worker thread with a time limit; fixed seeds.
 */
class CollapsePropertyTest {
    private static final long LIMIT_SECONDS = 20;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "collapse-property");
        t.setDaemon(true);
        return t;
    });

    /** Runs one try on the worker (ND4J keeps per-thread state, so one thread for all tries) with a time limit. */
    private static <T> T within(Callable<T> body) {
        Future<T> f = WORKER.submit(body);
        try {
            return f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("try did not finish within " + LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static final double[] WIDTHS = {0.5, 1.0, 1.5, 2.0};

    // ---------------------------------------------------------------- the defects this test was written for

    @Example
    void batchNormWithoutStatisticsNamesTheMissingParameter() {
        ExpandedDense e = new ExpandedDense(3, 2, 1.0, 2, true, true, false, new int[]{1});
        Map<String, INDArray> p = validParams(e, new Random(1), 0);
        p.remove("mean1");
        assertRejected(() -> Collapse.layer(e, p), "mean1");
        p.put("mean1", Nd4j.zeros(DataType.DOUBLE, 1, 2));
        p.remove("var0");
        assertRejected(() -> Collapse.layer(e, p), "var0");
    }

    @Example
    void wrongShapesAreRejectedNotCollapsed() {
        ExpandedDense e = new ExpandedDense(4, 3, 1.0, 2, true);
        Map<String, INDArray> p = validParams(e, new Random(2), 0);
        p.put("W1", Nd4j.randn(DataType.DOUBLE, 3, 4));            // the transpose of [3, 3]... and not [3, 3]
        assertRejected(() -> Collapse.layer(e, p), "W1");
        Map<String, INDArray> q = validParams(e, new Random(2), 0);
        q.put("b0", Nd4j.zeros(DataType.DOUBLE, 1, 4));
        assertRejected(() -> Collapse.layer(e, q), "b0");
        INDArray w = Nd4j.randn(DataType.DOUBLE, 3, 4);           // [nOut, nIn]: the DL4J layout is [nIn, nOut]
        assertRejected(() -> Expand.factorDense(w, null, e), "w has shape [3, 4]");
        assertRejected(() -> Expand.factorDense(w.transpose(), Nd4j.zeros(DataType.DOUBLE, 4), e), "b has shape [4]");
    }

    // ---------------------------------------------------------------- properties

    /**
     * factorDense then Collapse.layer gives back W [nIn, nOut] and b within 1e-10 (fp64), for random shapes (1–6),
     * depths (1–4), widths (0.5–2), biases, batch norm, ranks and scales 2^-1070..2^1010; or an
     * IllegalArgumentException when the hidden width is below the weight's rank or the norm exceeds 1e300.
     */
    @Property(tries = 300, seed = "41", whenFixedSeed = FixedSeedMode.ALLOW)
    void collapseOfFactorDenseIsTheOriginal(@ForAll @IntRange(min = 1, max = 6) int nIn, @ForAll @IntRange(min = 1, max = 6) int nOut,
                                            @ForAll @IntRange(min = 1, max = 4) int depth, @ForAll @IntRange(min = 0, max = 3) int widthIndex,
                                            @ForAll boolean bias, @ForAll boolean batchNorm, @ForAll @IntRange(min = 1, max = 6) int rankWanted,
                                            @ForAll("exponents") int exponent, @ForAll long seed) {
        double width = WIDTHS[widthIndex];
        int r = Math.min(rankWanted, Math.min(nIn, nOut));
        String outcome = within(() -> {
            if ((int) (nOut * width) < 1) {
                assertRejected(() -> new ExpandedDense(nIn, nOut, width, depth, bias, batchNorm, false, new int[]{1}), "width");
                return "rejected: hidden width 0";
            }
            ExpandedDense e = new ExpandedDense(nIn, nOut, width, depth, bias, batchNorm, false, new int[]{1});
            Random rng = new Random(seed);
            INDArray w = lowRank(nIn, nOut, r, rng);
            w.muli(Math.scalb(1.0, exponent));
            INDArray b = bias && rng.nextBoolean() ? Nd4j.randn(DataType.DOUBLE, 1, nOut).muli(Math.scalb(1.0, Math.max(exponent, -1000))) : null;
            Nd4j.getRandom().setSeed(seed);
            double wMax = w.amaxNumber().doubleValue();
            double fro = frobenius(w);
            if (fro > 1e300) {
                assertRejected(() -> Expand.factorDense(w, b, e), "Frobenius norm");
                return "rejected: norm > 1e300";
            }
            int h = depth == 1 ? nOut : e.hiddenWidth();
            if (h < r) {
                assertRejected(() -> Expand.factorDense(w, b, e), "hidden width");
                return "rejected: hidden width < rank";
            }
            Map<String, INDArray> p = Expand.factorDense(w, b, e);
            checkParamShapes(e, p);
            Collapse.Affine a = Collapse.layer(e, p);
            assertArrayEquals(new long[]{nIn, nOut}, a.weight().shape());
            double err = a.weight().sub(w).amaxNumber().doubleValue();
            assertTrue(err <= 1e-10 * wMax + 64 * Double.MIN_VALUE, "max |collapse − W| = " + err + " for max |W| = " + wMax);
            if (!bias && !batchNorm) {
                assertNull(a.bias());
            } else {
                assertNotNull(a.bias());
                assertEquals(nOut, a.bias().length());
                INDArray expected = b == null ? Nd4j.zeros(DataType.DOUBLE, nOut) : b.reshape(nOut);
                double bMax = expected.amaxNumber().doubleValue();
                double bErr = a.bias().reshape(nOut).sub(expected).amaxNumber().doubleValue();
                assertTrue(bErr <= 1e-10 * bMax + 64 * Double.MIN_VALUE, "bias error " + bErr);
            }
            return exponent < -1022 ? "collapsed, subnormal scale" : exponent > 900 ? "collapsed, scale > 2^900" : "collapsed";
        });
        Statistics.label("outcome").collect(outcome);
        Statistics.label("depth").collect(depth);
    }

    /**
     * Collapse.layer of random dense parameters (random batch-norm statistics, residual intervals, scales 2^-60..2^60)
     * equals the layer's chain x → (x·W_i + b_i → batch norm → + residual sources) evaluated directly on the basis
     * vectors and zero, in plain double arithmetic.
     */
    @Property(tries = 300, seed = "42", whenFixedSeed = FixedSeedMode.ALLOW)
    void denseCollapseEqualsTheChain(@ForAll @IntRange(min = 1, max = 5) int nIn, @ForAll @IntRange(min = 1, max = 5) int nOutWanted,
                                     @ForAll @IntRange(min = 1, max = 4) int depth, @ForAll boolean bias, @ForAll boolean batchNorm,
                                     @ForAll boolean residual, @ForAll @IntRange(min = 0, max = 4) int intervalsIndex,
                                     @ForAll @IntRange(min = -60, max = 60) int exponent, @ForAll long seed) {
        int[][] intervals = {{1}, {2}, {-1}, {1, 2}, {2, -1}};
        int nOut = residual ? nIn : nOutWanted;
        double width = residual ? 1.0 : WIDTHS[1 + (int) Math.floorMod(seed, 3)];
        Statistics.label("layer").collect((residual ? "residual" : "plain") + (batchNorm ? " + batch norm" : ""));
        within(() -> {
            ExpandedDense e = new ExpandedDense(nIn, nOut, width, depth, bias, batchNorm, residual, intervals[intervalsIndex]);
            Random rng = new Random(seed);
            Map<String, INDArray> p = validParams(e, rng, exponent);
            Collapse.Affine a = Collapse.layer(e, p);
            assertArrayEquals(new long[]{nIn, nOut}, a.weight().shape());
            double[] b = chain(e, p, new double[nIn], Mode.AFFINE);
            double[] ones = new double[nIn];
            java.util.Arrays.fill(ones, 1.0);
            // error scale: the chain on |parameters| and input 1 bounds every term that enters W and b
            double bound = 0;
            for (double v : chain(e, p, ones, Mode.ABSOLUTE)) bound = Math.max(bound, v);
            double tol = 1e-10 * bound;
            for (int i = 0; i < nIn; i++) {
                double[] x = new double[nIn];
                x[i] = 1;
                double[] row = chain(e, p, x, Mode.LINEAR);
                for (int j = 0; j < nOut; j++) assertEquals(row[j], a.weight().getDouble(i, j), tol, "W[" + i + "," + j + "]");
            }
            if (!bias && !batchNorm) {
                assertNull(a.bias());
            } else {
                for (int j = 0; j < nOut; j++) assertEquals(b[j], a.bias().getDouble(j), tol, "b[" + j + "]");
            }
            return null;
        });
    }

    /**
     * factorConv then Collapse.layer gives back the kernel [o, i, k, k] and bias within 1e-10, for random channels
     * (1–4), kernels (1–3), depths (1–3) and widths (1, 2).
     */
    @Property(tries = 150, seed = "43", whenFixedSeed = FixedSeedMode.ALLOW)
    void collapseOfFactorConvIsTheOriginal(@ForAll @IntRange(min = 1, max = 4) int nIn, @ForAll @IntRange(min = 1, max = 4) int nOut,
                                           @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int depth,
                                           @ForAll @IntRange(min = 1, max = 2) int width, @ForAll boolean bias,
                                           @ForAll boolean batchNorm, @ForAll long seed) {
        Statistics.label("depth").collect(depth);
        within(() -> {
            ExpandedConv2D e = new ExpandedConv2D(nIn, nOut, new int[]{k}, depth, 1, 0, width, bias, batchNorm, false, new int[]{1}, 1);
            Nd4j.getRandom().setSeed(seed);
            INDArray w = Nd4j.randn(DataType.DOUBLE, nOut, nIn, k, k);
            INDArray b = bias ? Nd4j.randn(DataType.DOUBLE, 1, nOut) : null;
            Map<String, INDArray> p = Expand.factorConv(w, b, e);
            checkParamShapes(e, p);
            Collapse.Affine a = Collapse.layer(e, p);
            assertArrayEquals(w.shape(), a.weight().shape());
            double err = a.weight().sub(w).amaxNumber().doubleValue();
            assertTrue(err <= 1e-10 * w.amaxNumber().doubleValue(), "max |collapse − W| = " + err);
            if (b != null) assertTrue(a.bias().reshape(nOut).sub(b.reshape(nOut)).amaxNumber().doubleValue() <= 1e-10 * b.amaxNumber().doubleValue());
            return null;
        });
    }

    /**
     * A valid parameter table (dense or conv, with or without bias and batch norm) with one defect: a parameter
     * missing, of the wrong shape, rank or type, a bias for a layer without biases, or a variance below −eps. The
     * intact table collapses to the collapsed layer's shape; every defect is an IllegalArgumentException naming the
     * parameter.
     */
    @Property(tries = 500, seed = "44", whenFixedSeed = FixedSeedMode.ALLOW)
    void defectiveParameterTables(@ForAll boolean conv, @ForAll @IntRange(min = 1, max = 4) int nIn, @ForAll @IntRange(min = 1, max = 4) int nOut,
                                  @ForAll @IntRange(min = 1, max = 3) int depth, @ForAll boolean bias, @ForAll boolean batchNorm,
                                  @ForAll @IntRange(min = 0, max = 7) int defect, @ForAll long seed) {
        String outcome = within(() -> {
            Random rng = new Random(seed);
            ExpandedLayer e = conv ? new ExpandedConv2D(nIn, nOut, new int[]{1 + rng.nextInt(3)}, depth, 1, 0, 1.0, bias, batchNorm, false, new int[]{1}, 1)
                    : new ExpandedDense(nIn, nOut, 1.0, depth, bias, batchNorm, false, new int[]{1});
            Map<String, INDArray> p = validParams(e, rng, 0);
            List<String> keys = new ArrayList<>(p.keySet());
            String key = keys.get(rng.nextInt(keys.size()));
            INDArray v = p.get(key);
            String kind;
            switch (defect) {
                case 1 -> { p.remove(key); kind = "missing"; }
                case 2 -> { p.put(key, Nd4j.zeros(DataType.DOUBLE, grow(v.shape(), rng))); kind = "one dimension larger"; }
                case 3 -> { p.put(key, v.reshape(1, 1, v.length())); kind = "rank 3"; }
                case 4 -> {
                    if (p.size() == 1) { p.put(key, v.castTo(DataType.FLOAT)); kind = "intact"; }   // all float: valid
                    else { p.put(key, v.castTo(DataType.FLOAT)); kind = "float among double"; }
                }
                case 5 -> {
                    if (bias) { p.put(key, v.castTo(DataType.INT)); kind = "integer type"; }
                    else { key = "b" + rng.nextInt(depth); p.put(key, Nd4j.zeros(DataType.DOUBLE, 1, e.nodeSize(1 + ExpandedLayer.keyIndex(key)))); kind = "bias of a layer without biases"; }
                }
                case 6 -> {
                    if (batchNorm) { key = "var" + rng.nextInt(depth); p.get(key).putScalar(0, -1.0); kind = "variance below -eps"; }
                    else { p.remove(key); kind = "missing"; }
                }
                default -> kind = "intact";
            }
            if (kind.equals("intact")) {
                Collapse.Affine a = Collapse.layer(e, p);
                long[] shape = conv ? new long[]{nOut, nIn, ((ExpandedConv2D) e).effectiveKernel(), ((ExpandedConv2D) e).effectiveKernel()}
                        : new long[]{nIn, nOut};
                assertArrayEquals(shape, a.weight().shape());
                if (bias || batchNorm) assertEquals(nOut, a.bias().length());
                else assertNull(a.bias());
                return "intact: collapsed";
            }
            // a float W0 among doubles names the first parameter of another type, which may be W0's partners
            String named = kind.equals("float among double") && key.equals("W0") ? "has type" : key;
            assertRejected(() -> Collapse.layer(e, p), named);
            return "rejected: " + kind;
        });
        Statistics.label("defect").collect(outcome);
    }

    /** factorDense with w or b of the wrong shape, rank, type or with NaN/Infinity, or a conv layer: rejected naming it. */
    @Property(tries = 300, seed = "45", whenFixedSeed = FixedSeedMode.ALLOW)
    void factorDenseRejectsBadArguments(@ForAll @IntRange(min = 1, max = 5) int nIn, @ForAll @IntRange(min = 1, max = 5) int nOut,
                                        @ForAll @IntRange(min = 1, max = 3) int depth, @ForAll @IntRange(min = 0, max = 9) int defect,
                                        @ForAll long seed) {
        String outcome = within(() -> {
            ExpandedDense e = new ExpandedDense(nIn, nOut, 2.0, depth, true);
            Nd4j.getRandom().setSeed(seed);
            Random rng = new Random(seed);
            INDArray w = Nd4j.randn(DataType.DOUBLE, nIn, nOut);
            INDArray b = Nd4j.randn(DataType.DOUBLE, 1, nOut);
            ExpandedLayer layer = e;
            String named, kind;
            switch (defect) {
                case 1 -> { w = Nd4j.randn(DataType.DOUBLE, nIn + 1 + rng.nextInt(2), nOut); named = "w has shape"; kind = "w rows"; }
                case 2 -> { w = Nd4j.randn(DataType.DOUBLE, nIn, nOut + 1); named = "w has shape"; kind = "w columns"; }
                case 3 -> { w = w.reshape(1, nIn, nOut); named = "w has shape"; kind = "w rank 3"; }
                case 4 -> { w.putScalar(rng.nextInt(nIn), rng.nextInt(nOut), rng.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY); named = "w has an entry"; kind = "w NaN/Inf"; }
                case 5 -> { w = w.castTo(DataType.INT); named = "w has type"; kind = "w integer"; }
                case 6 -> { b = Nd4j.randn(DataType.DOUBLE, 1, nOut + 1); named = "b has shape"; kind = "b length"; }
                case 7 -> { b.putScalar(0, Double.POSITIVE_INFINITY); named = "b has an entry"; kind = "b Inf"; }
                case 8 -> { layer = new ExpandedConv2D(nIn, nOut, 1, depth, 1, 0, 2.0, true); named = "allowed: an ExpandedDense"; kind = "conv layer"; }
                case 9 -> { w = w.divi(w.amaxNumber()).muli(2e300); named = "Frobenius norm"; kind = "norm > 1e300"; }
                default -> { named = null; kind = "valid"; }
            }
            INDArray ww = w, bb = b;
            ExpandedLayer l = layer;
            if (named == null) {
                Map<String, INDArray> p = Expand.factorDense(ww, bb, l);
                checkParamShapes(e, p);
                return "valid: factored";
            }
            assertRejected(() -> Expand.factorDense(ww, bb, l), named);
            return "rejected: " + kind;
        });
        Statistics.label("argument").collect(outcome);
    }

    /** Scales 2^e: anywhere in [-1070, 1010], with extra weight on the subnormal and near-overflow ends and on 0. */
    @Provide
    Arbitrary<Integer> exponents() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-1070, 1010), Arbitraries.integers().between(-1070, -1000),
                Arbitraries.integers().between(950, 1010), Arbitraries.just(0));
    }

    @Example
    void pureFunctionsRejectMismatchedShapes() {
        INDArray w23 = Nd4j.ones(DataType.DOUBLE, 2, 3), w34 = Nd4j.ones(DataType.DOUBLE, 3, 4);
        assertArrayEquals(new long[]{2, 4}, Collapse.dense(w23, null, w34, null).weight().shape());
        assertRejected(() -> Collapse.dense(w23, null, w23, null), "do not chain");
        assertRejected(() -> Collapse.dense(w23, Nd4j.ones(DataType.DOUBLE, 2), w34, null), "b1");
        assertRejected(() -> Collapse.dense(w23, null, w34, Nd4j.ones(DataType.DOUBLE, 1)), "b2");   // would broadcast
        INDArray v = Nd4j.ones(DataType.DOUBLE, 3);
        assertRejected(() -> Collapse.foldBatchNorm(w23, null, v, v, v, v.neg(), 1e-5, false), "var");
        assertRejected(() -> Collapse.foldBatchNorm(w23, null, Nd4j.ones(DataType.DOUBLE, 2), v, v, v, 1e-5, false), "gamma");
        assertRejected(() -> Collapse.foldBatchNorm(w23, null, v, v, v, v, 1e-5, true), "w has shape");
        assertRejected(() -> Collapse.composeKernels(w23, Nd4j.ones(DataType.DOUBLE, 1, 2, 1, 1)), "w1");
        assertRejected(() -> Collapse.composeConvBias(Nd4j.ones(DataType.DOUBLE, 3), Nd4j.ones(DataType.DOUBLE, 1, 2, 1, 1), null), "b1");
        assertRejected(() -> Collapse.padKernelTo(Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 3), 0, 3), "kh x kw");
        assertRejected(() -> Collapse.dirac(DataType.INT, 2, 3), "floating-point");
        assertRejected(() -> Collapse.layer(null, Map.of()), "layer");
        assertRejected(() -> Collapse.layer(new ExpandedDense(2, 2, 1.0, 2, false), null), "parameters");
        assertRejected(() -> Collapse.layer(new ExpandedDense(0, 2, 1.0, 2, false), Map.of()), "nIn = 0");
    }

    // ---------------------------------------------------------------- helpers

    /** Random rank-r [rows, cols] matrix in double. */
    private static INDArray lowRank(int rows, int cols, int r, Random rng) {
        double[][] a = new double[rows][cols];
        double[][] x = new double[rows][r], y = new double[r][cols];
        for (double[] row : x) for (int j = 0; j < r; j++) row[j] = rng.nextGaussian();
        for (double[] row : y) for (int j = 0; j < cols; j++) row[j] = rng.nextGaussian();
        for (int i = 0; i < rows; i++) for (int k = 0; k < r; k++) for (int j = 0; j < cols; j++) a[i][j] += x[i][k] * y[k][j];
        return Nd4j.createFromArray(a);
    }

    private static double frobenius(INDArray w) {
        double max = w.amaxNumber().doubleValue();
        if (max == 0) return 0;
        return w.div(max).norm2Number().doubleValue() * max;
    }

    /** A full parameter table of the layer's shapes in DL4J layout, values of scale 2^exponent, random BN statistics. */
    static Map<String, INDArray> validParams(ExpandedLayer e, Random rng, int exponent) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        boolean conv = e instanceof ExpandedConv2D;
        double s = Math.scalb(1.0, exponent);
        for (int i = 0; i < e.getDepth(); i++) {
            long in = e.nodeSize(i), out = e.nodeSize(i + 1);
            long[] shape = conv ? new long[]{out, in, ((ExpandedConv2D) e).getKernelSizes()[i], ((ExpandedConv2D) e).getKernelSizes()[i]}
                    : new long[]{in, out};
            p.put("W" + i, random(shape, rng, s));
            if (e.hasBias()) p.put("b" + i, random(new long[]{1, out}, rng, s));
            if (e.isBatchNorm()) {
                p.put("gamma" + i, random(new long[]{1, out}, rng, 1));
                p.put("beta" + i, random(new long[]{1, out}, rng, s));
                p.put("mean" + i, random(new long[]{1, out}, rng, s));
                INDArray var = random(new long[]{1, out}, rng, 1);
                p.put("var" + i, var.muli(var).muli(s * s).addi(s * s * 0.01));
            }
        }
        return p;
    }

    private static INDArray random(long[] shape, Random rng, double scale) {
        long n = 1;
        for (long d : shape) n *= d;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * scale;
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private static long[] grow(long[] shape, Random rng) {
        long[] out = shape.clone();
        out[rng.nextInt(out.length)]++;
        return out;
    }

    /** What {@link #chain} evaluates: the affine map, its linear part, or a bound on the magnitude of every term. */
    private enum Mode { AFFINE, LINEAR, ABSOLUTE }

    /** The dense layer's chain on one input vector, in plain doubles (inference-mode batch norm). */
    private static double[] chain(ExpandedDense e, Map<String, INDArray> p, double[] x, Mode mode) {
        int d = e.getDepth();
        boolean abs = mode == Mode.ABSOLUTE, shift = mode != Mode.LINEAR;
        double[][] node = new double[d + 1][];
        node[0] = x;
        for (int m = 1; m <= d; m++) {
            int i = m - 1;
            INDArray w = p.get("W" + i);
            int in = (int) e.nodeSize(i), out = (int) e.nodeSize(m);
            double[] y = new double[out];
            for (int j = 0; j < out; j++) {
                double acc = e.hasBias() && shift ? f(p.get("b" + i).getDouble(j), abs) : 0;
                for (int k = 0; k < in; k++) acc += node[i][k] * f(w.getDouble(k, j), abs);
                if (e.isBatchNorm()) {
                    double mean = shift ? p.get("mean" + i).getDouble(j) : 0, beta = shift ? p.get("beta" + i).getDouble(j) : 0;
                    double scale = p.get("gamma" + i).getDouble(j) / Math.sqrt(p.get("var" + i).getDouble(j) + e.getBnEps());
                    acc = abs ? (acc + Math.abs(mean)) * Math.abs(scale) + Math.abs(beta) : (acc - mean) * scale + beta;
                }
                y[j] = acc;
            }
            for (int s : e.residualSources(m)) for (int j = 0; j < out; j++) y[j] += node[s][j];
            node[m] = y;
        }
        return node[d];
    }

    private static double f(double v, boolean abs) { return abs ? Math.abs(v) : v; }

    /** The factor table has exactly the keys and shapes of the layer's parameters. */
    private static void checkParamShapes(ExpandedLayer e, Map<String, INDArray> p) {
        boolean conv = e instanceof ExpandedConv2D;
        for (int i = 0; i < e.getDepth(); i++) {
            long in = e.nodeSize(i), out = e.nodeSize(i + 1);
            INDArray w = p.get("W" + i);
            assertNotNull(w, "W" + i);
            if (conv) {
                int k = ((ExpandedConv2D) e).getKernelSizes()[i];
                assertArrayEquals(new long[]{out, in, k, k}, w.shape(), "W" + i);
            } else {
                assertArrayEquals(new long[]{in, out}, w.shape(), "W" + i);
            }
            if (e.hasBias()) assertEquals(out, p.get("b" + i).length(), "b" + i);
            if (e.isBatchNorm()) for (String k : new String[]{"gamma", "beta", "mean", "var"}) assertEquals(out, p.get(k + i).length(), k + i);
        }
    }

    private static void assertRejected(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        if (!e.getMessage().contains(fragment)) fail("message lacks '" + fragment + "': " + e.getMessage());
    }
}
