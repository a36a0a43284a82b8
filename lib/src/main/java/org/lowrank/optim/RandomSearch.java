package org.lowrank.optim;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Random search: propose {@code x + σ·ξ}, ξ ~ N(0, I/n) (a random direction of norm ≈ σ), keep it if f
 * decreases; after {@code patience} rejections in a row σ is halved. No gradients, no covariance: the most naive
 * zeroth-order method of the paper's optimizer study (C4; the paper's exact variant is not known).
 *
 * @param sigma0         initial step norm
 * @param patience       consecutive failures before halving σ
 * @param maxEvaluations function-evaluation budget
 */
public record RandomSearch(double sigma0, int patience, int maxEvaluations) {
    public RandomSearch {
        if (!(sigma0 > 0)) throw new IllegalArgumentException("sigma0 must be > 0, got " + sigma0);
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        if (maxEvaluations < 1) throw new IllegalArgumentException("maxEvaluations must be >= 1, got " + maxEvaluations);
    }

    /** Minimizes f from x0 (not modified) with the given seed. */
    public OptimResult minimize(ToDoubleFunction<double[]> f, double[] x0, long seed) {
        int n = x0.length;
        Random rng = new Random(seed);
        double[] x = x0.clone(), cand = new double[n];
        double fx = f.applyAsDouble(x), sigma = sigma0, scale = 1 / Math.sqrt(n);
        int evals = 1, fails = 0, accepted = 0;
        while (evals < maxEvaluations) {
            for (int j = 0; j < n; j++) cand[j] = x[j] + sigma * scale * rng.nextGaussian();
            double fc = f.applyAsDouble(cand);
            evals++;
            if (fc < fx) {
                System.arraycopy(cand, 0, x, 0, n);
                fx = fc;
                fails = 0;
                accepted++;
            } else if (++fails >= patience) {
                sigma *= 0.5;
                fails = 0;
            }
        }
        return new OptimResult(x, fx, accepted, evals);
    }
}
