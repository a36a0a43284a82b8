package org.lowrank.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lowrank.optim.FirstOrder;
import org.lowrank.random.RandomMatrices;
import org.lowrank.rank.RankMetrics;

/**
 * Full-batch gradient descent on {@code L(W_N⋯W_1)} from small init (the setup of Arora et al. 2019). The
 * gradient of factor j is {@code (W_N⋯W_{j+1})ᵀ ∇L(W) (W_{j−1}⋯W_1)ᵀ}. With
 * {@link FactorizationConfig#residual()} the factors are {@code F_i = I + W_i} (same gradient, with F in place of W).
 * Factors map n → h → … → h → n ({@link FactorizationConfig#hidden(int)}); weight decay
 * ({@link FactorizationConfig#weightDecay()}) adds {@code λ W_i} to each factor's gradient ({@link DecayTarget#FACTORS})
 * or {@code λ W} to the gradient of the product ({@link DecayTarget#PRODUCT}).
 */
public final class DeepFactorization {
    private DeepFactorization() {}

    /** Fits {@code problem} by gradient descent with {@link FactorizationConfig#stepSize()}; init from {@code initSeed}. */
    public static SensingRun fit(SensingProblem problem, FactorizationConfig cfg, long initSeed) {
        return fit(problem, cfg, null, initSeed);
    }

    /**
     * Fits {@code problem} with {@code optimizer} applied to every factor (its own learning rate; each factor keeps its
     * own optimizer state), or by plain gradient descent with {@link FactorizationConfig#stepSize()} when it is null.
     */
    public static SensingRun fit(SensingProblem problem, FactorizationConfig cfg, FirstOrder optimizer, long initSeed) {
        return fit(problem, cfg, optimizer, initSeed, null);
    }

    /** A run with its end-to-end products W_e = W_N⋯W_1 (n×n, row-major) at init and at the last step (null if diverged). */
    public record WithProducts(SensingRun run, double[] initial, double[] trained) {}

    /** {@link #fit(SensingProblem, FactorizationConfig, long)} keeping the initial and final products; same numbers. */
    public static WithProducts fitKeepingProducts(SensingProblem problem, FactorizationConfig cfg, long initSeed) {
        double[][] products = new double[2][];
        SensingRun run = fit(problem, cfg, null, initSeed, products);
        return new WithProducts(run, products[0], products[1]);
    }

    /** The fit; when {@code productsOut} is non-null, copies of the product at step 0 and at the end go in its slots 0 and 1. */
    private static SensingRun fit(SensingProblem problem, FactorizationConfig cfg, FirstOrder optimizer, long initSeed, double[][] productsOut) {
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (cfg == null) throw new IllegalArgumentException("cfg must not be null");
        int n = problem.n(), depth = cfg.depth(), nn = n * n;
        // dims[j] = size of node j: n, h, …, h, n; factor j (0-based) is dims[j+1] × dims[j]
        int[] dims = new int[depth + 1];
        java.util.Arrays.fill(dims, cfg.hidden(n));
        dims[0] = n;
        dims[depth] = n;
        double[][] w = initFactors(cfg, dims, new Random(initSeed));

        double lr = cfg.stepSize() / (depth * problem.operatorNorm());
        double lambda = cfg.weightDecay();
        boolean decayFactors = lambda > 0 && cfg.decayOn() == DecayTarget.FACTORS, decayProduct = lambda > 0 && cfg.decayOn() == DecayTarget.PRODUCT;
        double[] y = problem.y();
        double y2 = 0;
        for (double v : y) y2 += v * v;
        double stopLoss = cfg.lossTol() * y2 / (2.0 * problem.m());

        // 0-based factors w[0..N−1], W = w[N−1]⋯w[0]; prefix[j] = w[j−1]⋯w[0] (dims[j] × n, prefix[0] = I),
        // suffix[j] = w[N−1]⋯w[j+1] (n × dims[j+1], suffix[N−1] = I)
        double[][] prefix = new double[depth + 1][], suffix = new double[depth][];
        prefix[0] = Mat.identity(n);
        suffix[depth - 1] = Mat.identity(n);
        for (int j = 1; j <= depth; j++) prefix[j] = new double[dims[j] * n];
        for (int j = 0; j < depth - 1; j++) suffix[j] = new double[n * dims[j + 1]];
        int maxFactor = 0;
        for (double[] f : w) maxFactor = Math.max(maxFactor, f.length);
        double[] grad = new double[nn], tmp = new double[Math.max(n, cfg.hidden(n)) * n], step = new double[maxFactor];
        double[][] state = new double[depth][];
        for (int j = 0; j < depth; j++) state[j] = new double[optimizer == null ? 0 : optimizer.stateSize(w[j].length)];
        List<SensingRun.TracePoint> trace = new ArrayList<>();
        double loss = Double.NaN;
        int t = 0;
        for (; ; t++) {
            for (int j = 1; j <= depth; j++) Mat.multiply(w[j - 1], false, prefix[j - 1], false, prefix[j], dims[j], dims[j - 1], n);
            double[] product = prefix[depth];
            if (t == 0 && productsOut != null) productsOut[0] = product.clone();
            loss = problem.lossAndGradient(product, grad);
            boolean last = t == cfg.maxSteps() || loss <= stopLoss || !Double.isFinite(loss);
            if (!Double.isFinite(loss)) {
                trace.add(new SensingRun.TracePoint(t, loss, Double.NaN, Double.NaN));
                return new SensingRun(name(cfg, optimizer), depth, problem.m(), problem.seed(), Double.NaN, Double.NaN, loss, t, true, trace);
            }
            if (t % cfg.recordEvery() == 0 || last)
                trace.add(new SensingRun.TracePoint(t, loss, problem.relativeError(product), rho(product, n)));
            if (last) break;
            if (decayProduct) for (int i = 0; i < nn; i++) grad[i] += lambda * product[i];
            for (int j = depth - 2; j >= 0; j--) Mat.multiply(suffix[j + 1], false, w[j + 1], false, suffix[j], n, dims[j + 2], dims[j + 1]);
            for (int j = 0; j < depth; j++) {
                int rows = dims[j + 1], cols = dims[j], size = rows * cols;
                Mat.multiply(suffix[j], true, grad, false, tmp, rows, n, n);      // (w[N−1]⋯w[j+1])ᵀ ∇L
                Mat.multiply(tmp, false, prefix[j], true, step, rows, n, cols);   // · (w[j−1]⋯w[0])ᵀ
                double[] f = w[j];
                if (decayFactors) {
                    for (int i = 0; i < size; i++) step[i] += lambda * f[i];
                    if (cfg.residual()) for (int i = 0; i < rows; i++) step[i * cols + i] -= lambda; // decay the branch F − I
                }
                if (optimizer != null) optimizer.step(f, size == step.length ? step : java.util.Arrays.copyOf(step, size), state[j], rows, cols, t + 1);
                else for (int i = 0; i < size; i++) f[i] -= lr * step[i];
            }
        }
        double[] product = prefix[depth];
        if (productsOut != null) productsOut[1] = product.clone();
        return new SensingRun(name(cfg, optimizer), depth, problem.m(), problem.seed(), problem.relativeError(product), rho(product, n),
                loss, t, false, trace);
    }

    /** The initial factors (row-major, factor j is dims[j+1] × dims[j]), drawn in factor order from {@code rnd}. */
    static double[][] initFactors(FactorizationConfig cfg, int[] dims, Random rnd) {
        int depth = dims.length - 1;
        double[][] w = new double[depth][];
        for (int j = 0; j < depth; j++) {
            int rows = dims[j + 1], cols = dims[j];
            double sd = cfg.initScale() / Math.sqrt(cols);
            if (cfg.init() == FactorInit.GAUSSIAN) {
                w[j] = new double[rows * cols];
                for (int i = 0; i < w[j].length; i++) w[j][i] = sd * rnd.nextGaussian();
            } else {
                // the leading rows×cols block of a Haar orthogonal matrix of the larger side: orthonormal rows or columns;
                // scaled to the Gaussian draw's expected Frobenius norm, sd·√(rows·cols)
                int big = Math.max(rows, cols);
                double[] q = RandomMatrices.haarOrthogonal(rnd, big);
                double c = sd * Math.sqrt((double) rows * cols / Math.min(rows, cols));
                w[j] = new double[rows * cols];
                for (int r = 0; r < rows; r++) for (int k = 0; k < cols; k++) w[j][r * cols + k] = c * q[r * big + k];
            }
            if (cfg.residual()) for (int i = 0; i < rows; i++) w[j][i * cols + i] += 1.0; // F_i = I + W_i, stored as F_i
        }
        return w;
    }

    private static String name(FactorizationConfig cfg, FirstOrder optimizer) {
        return (cfg.residual() ? "residual depth " : "depth ") + cfg.depth() + (optimizer == null ? "" : ", " + optimizer.name());
    }

    static double rho(double[] w, int n) {
        return RankMetrics.effectiveRankOfSpectrum(RankMetrics.singularValuesRowMajor(w, n, n));
    }
}
