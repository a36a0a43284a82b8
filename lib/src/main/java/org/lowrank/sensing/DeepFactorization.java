package org.lowrank.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lowrank.optim.FirstOrder;
import org.lowrank.rank.RankMetrics;

/**
 * Full-batch gradient descent on {@code L(W_N⋯W_1)} from small Gaussian init (the setup of Arora et al. 2019). The
 * gradient of factor j is {@code (W_N⋯W_{j+1})ᵀ ∇L(W) (W_{j−1}⋯W_1)ᵀ}. With
 * {@link FactorizationConfig#residual()} the factors are {@code F_i = I + W_i} (same gradient, with F in place of W).
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
        if (problem == null) throw new IllegalArgumentException("problem must not be null");
        if (cfg == null) throw new IllegalArgumentException("cfg must not be null");
        int n = problem.n(), depth = cfg.depth(), nn = n * n;
        Random rnd = new Random(initSeed);
        double[][] w = new double[depth][nn];
        double sd = cfg.initScale() / Math.sqrt(n);
        for (double[] f : w) for (int i = 0; i < nn; i++) f[i] = sd * rnd.nextGaussian();
        if (cfg.residual()) for (double[] f : w) for (int i = 0; i < n; i++) f[i * n + i] += 1.0; // F_i = I + W_i, stored as F_i

        double lr = cfg.stepSize() / (depth * problem.operatorNorm());
        double[] y = problem.y();
        double y2 = 0;
        for (double v : y) y2 += v * v;
        double stopLoss = cfg.lossTol() * y2 / (2.0 * problem.m());

        // 0-based factors w[0..N−1], W = w[N−1]⋯w[0]; prefix[j] = w[j−1]⋯w[0] (prefix[0] = I),
        // suffix[j] = w[N−1]⋯w[j+1] (suffix[N−1] = I)
        double[][] prefix = new double[depth + 1][], suffix = new double[depth][];
        prefix[0] = Mat.identity(n);
        suffix[depth - 1] = Mat.identity(n);
        for (int j = 1; j <= depth; j++) prefix[j] = new double[nn];
        for (int j = 0; j < depth - 1; j++) suffix[j] = new double[nn];
        double[] grad = new double[nn], tmp = new double[nn], step = new double[nn];
        double[][] state = new double[depth][optimizer == null ? 0 : optimizer.stateSize(nn)];
        List<SensingRun.TracePoint> trace = new ArrayList<>();
        double loss = Double.NaN;
        int t = 0;
        for (; ; t++) {
            for (int j = 1; j <= depth; j++) Mat.multiply(w[j - 1], false, prefix[j - 1], false, prefix[j], n);
            double[] product = prefix[depth];
            loss = problem.lossAndGradient(product, grad);
            boolean last = t == cfg.maxSteps() || loss <= stopLoss || !Double.isFinite(loss);
            if (!Double.isFinite(loss)) {
                trace.add(new SensingRun.TracePoint(t, loss, Double.NaN, Double.NaN));
                return new SensingRun(name(cfg, optimizer), depth, problem.m(), problem.seed(), Double.NaN, Double.NaN, loss, t, true, trace);
            }
            if (t % cfg.recordEvery() == 0 || last)
                trace.add(new SensingRun.TracePoint(t, loss, problem.relativeError(product), rho(product, n)));
            if (last) break;
            for (int j = depth - 2; j >= 0; j--) Mat.multiply(suffix[j + 1], false, w[j + 1], false, suffix[j], n);
            for (int j = 0; j < depth; j++) {
                Mat.multiply(suffix[j], true, grad, false, tmp, n);   // (w[N−1]⋯w[j+1])ᵀ ∇L
                Mat.multiply(tmp, false, prefix[j], true, step, n);   // · (w[j−1]⋯w[0])ᵀ
                double[] f = w[j];
                if (optimizer != null) optimizer.step(f, step, state[j], n, n, t + 1);
                else for (int i = 0; i < nn; i++) f[i] -= lr * step[i];
            }
        }
        double[] product = prefix[depth];
        return new SensingRun(name(cfg, optimizer), depth, problem.m(), problem.seed(), problem.relativeError(product), rho(product, n),
                loss, t, false, trace);
    }

    private static String name(FactorizationConfig cfg, FirstOrder optimizer) {
        return (cfg.residual() ? "residual depth " : "depth ") + cfg.depth() + (optimizer == null ? "" : ", " + optimizer.name());
    }

    static double rho(double[] w, int n) {
        return RankMetrics.effectiveRankOfSpectrum(RankMetrics.singularValuesRowMajor(w, n, n));
    }
}
