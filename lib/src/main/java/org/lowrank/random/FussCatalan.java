package org.lowrank.random;

import java.math.BigInteger;

/**
 * The Fuss–Catalan law FC_d: the limiting (n → ∞) distribution of the squared singular values of a product
 * of d i.i.d. n×n matrices with N(0, 1/n) entries. Standard random-matrix theory (Penson & Życzkowski 2011;
 * Haagerup & Möller 2012), used to explain claim C8; NOT the paper's own theorem, which is not known.
 */
public final class FussCatalan {
    private FussCatalan() {}

    /** The k-th moment {@code C((d+1)k, k) / (dk + 1)} (m_1 = 1, m_2 = d + 1; d = 1: Catalan numbers). */
    public static double moment(int d, int k) {
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        BigInteger c = binomial((d + 1) * k, k);
        return c.doubleValue() / (d * (double) k + 1);
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        return r;
    }

    /** Right edge of the support, {@code (d+1)^(d+1) / d^d}. */
    public static double supportEdge(int d) {
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        return Math.pow(d + 1, d + 1) / Math.pow(d, d);
    }

    /**
     * The density on a curve of {@code points} points, as {x[], f[]} with x increasing, from the
     * Haagerup–Möller parametrisation: for φ in (0, π/(d+1)),
     * x(φ) = sin((d+1)φ)^(d+1) / (sin φ · sin(dφ)^d), f(x(φ)) = sin²φ · sin(dφ)^(d−1) / (π · sin((d+1)φ)^d).
     * (d = 1 gives Marchenko–Pastur, f(x) = √((4 − x)/x) / 2π.)
     */
    public static double[][] densityCurve(int d, int points) {
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if (points < 2) throw new IllegalArgumentException("points must be >= 2, got " + points);
        double[] x = new double[points], f = new double[points];
        double top = Math.PI / (d + 1);
        for (int i = 0; i < points; i++) {
            // φ from near π/(d+1) (x → 0) down to near 0 (x → edge), open interval
            double phi = top * (points - i - 0.5) / points;
            double sp = Math.sin(phi), sd = Math.sin(d * phi), s1 = Math.sin((d + 1) * phi);
            x[i] = Math.pow(s1, d + 1) / (sp * Math.pow(sd, d));
            f[i] = sp * sp * Math.pow(sd, d - 1) / (Math.PI * Math.pow(s1, d));
        }
        return new double[][] {x, f};
    }

    /**
     * E[g(λ)] under FC_d by the midpoint rule in the Haagerup–Möller angle φ ∈ (0, π/(d+1)) with the exact
     * Jacobian, d ln x/dφ = (d+1)² cot((d+1)φ) − cot φ − d² cot(dφ): the integrand is smooth in φ, while in x
     * the density has an x^(−d/(d+1)) singularity at 0 that defeats the trapezoid rule for large d.
     * Divided by the computed total mass (≈ 1; removes the remaining discretisation error of the mass).
     */
    public static double expectation(int d, java.util.function.DoubleUnaryOperator g, int points) {
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if (points < 2) throw new IllegalArgumentException("points must be >= 2, got " + points);
        double top = Math.PI / (d + 1), h = top / points;
        double mass = 0, sum = 0;
        for (int i = 0; i < points; i++) {
            double phi = (i + 0.5) * h;
            double sp = Math.sin(phi), sd = Math.sin(d * phi), s1 = Math.sin((d + 1) * phi);
            double logX = (d + 1) * Math.log(s1) - Math.log(sp) - d * Math.log(sd);
            double x = Math.exp(logX);
            double f = sp * sp * Math.pow(sd, d - 1) / (Math.PI * Math.pow(s1, d));
            double dlogx = (d + 1) * (d + 1) / Math.tan((d + 1) * phi) - 1 / Math.tan(phi) - (double) d * d / Math.tan(d * phi);
            double w = f * x * Math.abs(dlogx) * h;
            if (!Double.isFinite(w)) continue; // underflow at the ends of the interval: weight 0
            mass += w;
            sum += w * g.applyAsDouble(x);
        }
        return sum / mass;
    }

    /**
     * The large-n limit of ρ(W_e) − ln n for a product of d i.i.d. Gaussian n×n matrices: with σ = √λ,
     * λ ~ FC_d, p_i = σ_i/Σσ_j and the law of large numbers over the n singular values,
     * ρ − ln n → ln E[σ] − E[σ ln σ]/E[σ]. It falls with d: the asymptotic form of "ρ falls with depth".
     */
    public static double rhoMinusLogN(int d) {
        int points = 200_000;
        double es = expectation(d, Math::sqrt, points);
        double esls = expectation(d, l -> l > 0 ? 0.5 * Math.sqrt(l) * Math.log(l) : 0.0, points);
        return Math.log(es) - esls / es;
    }

    /** Empirical moments of one set of squared singular values: {@code mean(λ^k)}, k = 1..kMax. */
    public static double[] empiricalMoments(double[] squaredSingularValues, int kMax) {
        if (kMax < 1) throw new IllegalArgumentException("kMax must be >= 1, got " + kMax);
        double[] m = new double[kMax];
        for (double l : squaredSingularValues) {
            double p = 1;
            for (int k = 0; k < kMax; k++) {
                p *= l;
                m[k] += p;
            }
        }
        for (int k = 0; k < kMax; k++) m[k] /= squaredSingularValues.length;
        return m;
    }

    /**
     * Squared singular values of {@code draws} products of d i.i.d. n×n N(0, 1/n) matrices, one row per draw
     * (parallel, deterministic in {@code seed}).
     */
    public static double[][] sampleSquaredSingularValues(int n, int d, int draws, long seed) {
        ProductConfig c = new ProductConfig(n, d, Init.NORMAL, 1.0 / Math.sqrt(n));
        return Draws.sampleObjects(draws, seed, double[][]::new, (i, rng) -> {
            double[] s = RandomMatrices.productSingularValues(c, rng);
            for (int j = 0; j < s.length; j++) s[j] *= s[j];
            return s;
        });
    }

    /** Empirical moments k = 1..kMax averaged over draws (each draw's moments first, then the mean). */
    public static double[] meanEmpiricalMoments(double[][] squaredSingularValuesPerDraw, int kMax) {
        double[] m = new double[kMax];
        for (double[] s : squaredSingularValuesPerDraw) {
            double[] e = empiricalMoments(s, kMax);
            for (int k = 0; k < kMax; k++) m[k] += e[k] / squaredSingularValuesPerDraw.length;
        }
        return m;
    }
}
