package org.lowrank.optim;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.Well19937c;

/**
 * CMA-ES, a derivative-free evolution strategy (Hansen), in two variants.
 *
 * <ul>
 *   <li>{@link Variant#FULL}: Apache Commons Math 3.6.1 {@link CMAESOptimizer} with a full covariance matrix.
 *       Its set-up forms n×n matrices and multiplies them (O(n³) time, 8n² bytes each), and its covariance
 *       update and eigendecompositions are O(n²λ) and O(n³): fine up to a few hundred parameters, impractical for
 *       the 1k–8k parameters of the paper's 32×32 deep linear nets (8192 params: several 512 MB matrices and
 *       ~10¹² flops before the first generation).</li>
 *   <li>{@link Variant#SEPARABLE}: sep-CMA-ES (Ros &amp; Hansen, PPSN 2008), the standard diagonal-covariance
 *       variant for high dimension: O(nλ) per generation, learning rates c1, cμ scaled by (n+2)/3. Written here
 *       because Commons Math's {@code diagonalOnly} mode still pays the O(n³) set-up.</li>
 * </ul>
 *
 * @param sigma0         initial step size
 * @param population     λ; 0 means the default 4 + ⌊3 ln n⌋
 * @param maxEvaluations budget of function evaluations
 * @param variant        which implementation
 */
public record CmaEs(double sigma0, int population, int maxEvaluations, Variant variant) {
    /** Which CMA-ES. */
    public enum Variant { FULL, SEPARABLE }

    public CmaEs {
        if (!(sigma0 > 0)) throw new IllegalArgumentException("sigma0 must be > 0, got " + sigma0);
        if (population < 0 || population == 1) throw new IllegalArgumentException("population must be 0 (default) or >= 2, got " + population);
        if (maxEvaluations < 1) throw new IllegalArgumentException("maxEvaluations must be >= 1, got " + maxEvaluations);
        if (variant == null) throw new IllegalArgumentException("variant must not be null");
    }

    /** λ used for dimension n. */
    public int lambda(int n) {
        return population > 0 ? population : 4 + (int) Math.floor(3 * Math.log(n));
    }

    /** Minimizes f from x0 (the initial mean; not modified) with the given seed. */
    public OptimResult minimize(ToDoubleFunction<double[]> f, double[] x0, long seed) {
        return variant == Variant.FULL ? minimizeFull(f, x0, seed) : minimizeSeparable(f, x0, seed);
    }

    private OptimResult minimizeFull(ToDoubleFunction<double[]> f, double[] x0, long seed) {
        int n = x0.length;
        int[] evals = {0};
        MultivariateFunction fn = x -> {
            evals[0]++;
            return f.applyAsDouble(x);
        };
        CMAESOptimizer opt = new CMAESOptimizer(Integer.MAX_VALUE, 0, true, 0, 0,
                new Well19937c(seed), false, null);
        double[] sig = new double[n];
        Arrays.fill(sig, sigma0);
        double[] lo = new double[n], hi = new double[n];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        PointValuePair p;
        try {
            p = opt.optimize(new MaxEval(maxEvaluations), new MaxIter(Integer.MAX_VALUE), new ObjectiveFunction(fn),
                    GoalType.MINIMIZE, new InitialGuess(x0.clone()), new SimpleBounds(lo, hi),
                    new CMAESOptimizer.Sigma(sig), new CMAESOptimizer.PopulationSize(lambda(n)));
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            throw new IllegalStateException("CMA-ES ran out of evaluations inside a generation; raise maxEvaluations", e);
        }
        return new OptimResult(p.getPoint(), p.getValue(), opt.getIterations(), evals[0]);
    }

    private OptimResult minimizeSeparable(ToDoubleFunction<double[]> f, double[] x0, long seed) {
        int n = x0.length, lam = lambda(n), mu = lam / 2;
        Random rng = new Random(seed);
        double[] w = new double[mu];
        double wsum = 0;
        for (int i = 0; i < mu; i++) wsum += w[i] = Math.log(mu + 0.5) - Math.log(i + 1);
        double w2 = 0;
        for (int i = 0; i < mu; i++) {
            w[i] /= wsum;
            w2 += w[i] * w[i];
        }
        double mueff = 1 / w2;
        double cs = (mueff + 2) / (n + mueff + 5);
        double ds = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        double cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        double c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        double cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        double sepScale = (n + 2) / 3.0;
        c1 = Math.min(1, c1 * sepScale);
        cmu = Math.min(1 - c1, cmu * sepScale);
        double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        double[] mean = x0.clone(), cdiag = new double[n], ps = new double[n], pc = new double[n];
        Arrays.fill(cdiag, 1);
        double sigma = sigma0;
        double[][] z = new double[lam][n], y = new double[lam][n];
        double[] fit = new double[lam], x = new double[n];
        Integer[] order = new Integer[lam];
        double[] best = x0.clone();
        double bestF = f.applyAsDouble(best);
        int evals = 1, gen = 0;
        while (evals + lam <= maxEvaluations) {
            gen++;
            for (int k = 0; k < lam; k++) {
                for (int j = 0; j < n; j++) {
                    z[k][j] = rng.nextGaussian();
                    y[k][j] = Math.sqrt(cdiag[j]) * z[k][j];
                    x[j] = mean[j] + sigma * y[k][j];
                }
                fit[k] = f.applyAsDouble(x);
                evals++;
                if (fit[k] < bestF) {
                    bestF = fit[k];
                    best = x.clone();
                }
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Double.compare(fit[a], fit[b]));
            double[] yw = new double[n], zw = new double[n];
            for (int i = 0; i < mu; i++) {
                double[] yi = y[order[i]], zi = z[order[i]];
                for (int j = 0; j < n; j++) {
                    yw[j] += w[i] * yi[j];
                    zw[j] += w[i] * zi[j];
                }
            }
            double psNorm2 = 0, csFactor = Math.sqrt(cs * (2 - cs) * mueff);
            for (int j = 0; j < n; j++) {
                mean[j] += sigma * yw[j];
                ps[j] = (1 - cs) * ps[j] + csFactor * zw[j];
                psNorm2 += ps[j] * ps[j];
            }
            double psNorm = Math.sqrt(psNorm2);
            boolean hs = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * gen)) < (1.4 + 2.0 / (n + 1)) * chiN;
            double ccFactor = Math.sqrt(cc * (2 - cc) * mueff);
            for (int j = 0; j < n; j++) {
                pc[j] = (1 - cc) * pc[j] + (hs ? ccFactor * yw[j] : 0);
                double rankMu = 0;
                for (int i = 0; i < mu; i++) {
                    double v = y[order[i]][j];
                    rankMu += w[i] * v * v;
                }
                cdiag[j] = (1 - c1 - cmu) * cdiag[j]
                        + c1 * (pc[j] * pc[j] + (hs ? 0 : cc * (2 - cc) * cdiag[j])) + cmu * rankMu;
            }
            sigma *= Math.exp(cs / ds * (psNorm / chiN - 1));
            if (!(sigma > 1e-300) || !Double.isFinite(sigma)) break;
        }
        return new OptimResult(best, bestF, gen, evals);
    }
}
