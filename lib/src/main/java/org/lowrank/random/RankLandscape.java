package org.lowrank.random;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.lowrank.rank.RankMetrics;

/**
 * Claim C1: ρ over a 2-D slice of parameter space, one layer f(α,β) = ρ(W + αu + βv) vs two layers
 * g(α,β) = ρ((W_2 + αu_2 + βv_2)(W_1 + αu_1 + βv_1)), with W = W_2W_1 so both agree at the origin.
 */
public final class RankLandscape {
    private RankLandscape() {}

    /** One slice: grid coordinates and ρ on the grid ({@code [row = β index][col = α index]}). */
    public record Slice(double[] alphas, double[] betas, double[][] oneLayer, double[][] twoLayer, double threshold) {
        /** Fraction of grid points with ρ below the threshold, one layer. */
        public double lowFractionOneLayer() {
            return below(oneLayer, threshold);
        }

        /** Fraction of grid points with ρ below the threshold, two layers. */
        public double lowFractionTwoLayer() {
            return below(twoLayer, threshold);
        }

        private static double below(double[][] z, double t) {
            int c = 0, all = 0;
            for (double[] row : z) {
                for (double v : row) {
                    all++;
                    if (v < t) c++;
                }
            }
            return (double) c / all;
        }
    }

    /** The slice of one draw; draw order: W_1, W_2, u, v (one-layer), u_1, u_2, v_1, v_2. */
    public static Slice slice(LandscapeConfig c, RandomGenerator rng) {
        int n = c.n();
        double[] w1 = RandomMatrices.random(n, n, Init.NORMAL, 1, rng);
        double[] w2 = RandomMatrices.random(n, n, Init.NORMAL, 1, rng);
        double[] w = RandomMatrices.multiply(w2, w1, n, n, n);
        double[] u = direction(w, c, rng), v = direction(w, c, rng);
        double[] u1 = direction(w1, c, rng), u2 = direction(w2, c, rng);
        double[] v1 = direction(w1, c, rng), v2 = direction(w2, c, rng);
        double[] xs = RankDistribution.grid(-c.extent(), c.extent(), c.grid());
        double[][] one = new double[c.grid()][c.grid()], two = new double[c.grid()][c.grid()];
        for (int i = 0; i < c.grid(); i++) {
            double b = xs[i];
            for (int j = 0; j < c.grid(); j++) {
                double a = xs[j];
                one[i][j] = rho(combine(w, u, v, a, b), n);
                two[i][j] = rho(RandomMatrices.multiply(combine(w2, u2, v2, a, b), combine(w1, u1, v1, a, b), n, n, n), n);
            }
        }
        return new Slice(xs, xs.clone(), one, two, c.threshold());
    }

    /** Low-ρ fractions of {@code c.draws()} independent slices (parallel, deterministic): {one[], two[]}. */
    public static double[][] lowFractions(LandscapeConfig c, long seed) {
        Slice[] s = Draws.sampleObjects(c.draws(), seed, Slice[]::new, (i, rng) -> slice(c, rng));
        double[] one = new double[s.length], two = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            one[i] = s[i].lowFractionOneLayer();
            two[i] = s[i].lowFractionTwoLayer();
        }
        return new double[][] {one, two};
    }

    /** The slice of draw {@code index} of {@link #lowFractions} with the same seed. */
    public static Slice sliceOfDraw(LandscapeConfig c, long seed, int index) {
        if (index < 0 || index >= c.draws()) throw new IllegalArgumentException("index must be in [0, " + c.draws() + "), got " + index);
        return slice(c, new SplittableRandom(Draws.seeds(seed, c.draws())[index]));
    }

    private static double[] direction(double[] like, LandscapeConfig c, RandomGenerator rng) {
        double[] d = RandomMatrices.random(1, like.length, Init.NORMAL, 1, rng);
        double target = c.layerNormalized() ? frobenius(like) : 1.0;
        double scale = target / frobenius(d);
        for (int i = 0; i < d.length; i++) d[i] *= scale;
        return d;
    }

    private static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s);
    }

    private static double[] combine(double[] w, double[] u, double[] v, double a, double b) {
        double[] r = new double[w.length];
        for (int i = 0; i < r.length; i++) r[i] = w[i] + a * u[i] + b * v[i];
        return r;
    }

    private static double rho(double[] m, int n) {
        return RankMetrics.effectiveRankOfSpectrum(RankMetrics.singularValuesRowMajor(m, n, n));
    }
}
