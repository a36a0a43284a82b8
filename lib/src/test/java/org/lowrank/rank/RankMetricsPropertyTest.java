package org.lowrank.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Property tests of every measure in {@link RankMetrics} (ρ, exp ρ, stable rank, numerical rank, nuclear norm,
 * singular values, ρ(K) of Gram matrices): random shapes, ranks and scales from subnormal (2^-1070) to near
 * {@code Double.MAX_VALUE}, special values and malformed arguments. Each try must give a correct result (finite,
 * within its bounds, invariant to exact rescaling, the right rank) or an {@link IllegalArgumentException} naming the
 * argument, within a time limit. Fixed seeds; jqwik prints tries and the outcome statistics of every property.
 */
class RankMetricsPropertyTest {
    /** Time limit of one try; a hang is a failure, not a stuck build. */
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static void within(Executable body) {
        assertTimeoutPreemptively(LIMIT, body);
    }

    // ---------------------------------------------------------------- the defects this test was written for

    @Example
    void hugeEntriesGiveTheRankNotNaN() {
        double[][] a = {{1e308, 1e308}, {1e308, -1e308}};   // orthogonal rows: two equal singular values
        assertEquals(Math.log(2), RankMetrics.effectiveRank(a), 1e-12);
        assertEquals(2, RankMetrics.expEntropyRank(a), 1e-12);
        assertEquals(2, RankMetrics.stableRank(a), 1e-12);
        assertEquals(2, RankMetrics.numericalRank(a, 1e-10));
        assertEquals(2 * Math.sqrt(2) * 1e308, RankMetrics.nuclearNorm(a), 1e296);
        double[][] full = {{Double.MAX_VALUE, Double.MAX_VALUE}, {Double.MAX_VALUE, Double.MAX_VALUE}};
        assertEquals(0, RankMetrics.effectiveRank(full), 1e-12);            // rank 1
        assertEquals(Double.POSITIVE_INFINITY, RankMetrics.singularValues(full)[0]); // 2·MAX: beyond double range
        assertEquals(Double.POSITIVE_INFINITY, RankMetrics.nuclearNorm(full));
        assertEquals(Math.log(2), RankMetrics.effectiveRankOfSpectrum(new double[]{Double.MAX_VALUE, Double.MAX_VALUE}), 1e-12);
    }

    @Example
    void gaussianScaledBy1e307KeepsItsRank() {
        Random r = new Random(7);
        double[][] g = gaussian(8, 8, 8, r), big = new double[8][8];
        for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j++) big[i][j] = g[i][j] * 1e307;
        assertEquals(RankMetrics.effectiveRank(g), RankMetrics.effectiveRank(big), 1e-9);
        assertEquals(RankMetrics.stableRank(g), RankMetrics.stableRank(big), 1e-9);
        assertEquals(RankMetrics.effectiveRank(g),
                RankMetrics.effectiveRank(Nd4j.createFromArray(big)), 1e-9);
    }

    @Example
    void subnormalMatricesKeepTheirRank() {
        double[][] a = {{1e-310, 0}, {0, 1e-310}};
        assertEquals(Math.log(2), RankMetrics.effectiveRank(a), 1e-9);
        assertEquals(2, RankMetrics.numericalRank(a, 1e-10));
        assertEquals(2, RankMetrics.stableRank(a), 1e-9);
        assertEquals(2e-310, RankMetrics.nuclearNorm(a), 1e-320);
        assertEquals(Math.log(2), RankMetrics.gramEffectiveRank(a, true), 1e-9);
        assertEquals(Math.log(2), RankMetrics.gramEffectiveRank(a, false), 1e-9);
        double[][] min = {{Double.MIN_VALUE}};
        assertEquals(0, RankMetrics.effectiveRank(min), 0);
        assertEquals(1, RankMetrics.numericalRank(min, 0.5));
    }

    /** Decision: the zero matrix has rank 0 by every measure (documented in RankMetrics); not an exception. */
    @Example
    void zeroMatrixHasRankZero() {
        double[][] z = new double[3][5];
        assertEquals(0, RankMetrics.effectiveRank(z));
        assertEquals(0, RankMetrics.expEntropyRank(z));
        assertEquals(0, RankMetrics.stableRank(z));
        assertEquals(0, RankMetrics.numericalRank(z, 0));
        assertEquals(0, RankMetrics.nuclearNorm(z));
        assertArrayEquals(new double[3], RankMetrics.singularValues(z));
        assertEquals(0, RankMetrics.gramEffectiveRank(z, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankMetrics.gramEffectiveRank(z, true));
        assertTrue(e.getMessage().contains("embeddings row 0"), e.getMessage());
    }

    // ---------------------------------------------------------------- properties

    /**
     * Rank-r Gaussian matrices times a random scale 2^k (exact) or m·10^x (rounded), k from −1070 to 1020:
     * every measure finite and within its bounds; after an exact rescaling ρ, exp ρ, stable and numerical rank are
     * unchanged and the nuclear norm scales (to +Infinity only when the true value leaves the double range).
     */
    @Property(tries = 600, seed = "20261130", whenFixedSeed = FixedSeedMode.ALLOW)
    void everyMeasureAtEveryScale(@ForAll @IntRange(min = 1, max = 10) int rows, @ForAll @IntRange(min = 1, max = 10) int cols,
                                  @ForAll @IntRange(min = 1, max = 10) int rankWanted, @ForAll long seed,
                                  @ForAll @IntRange(min = -1070, max = 1020) int exponent, @ForAll boolean powerOfTwo) {
        int r = Math.min(rankWanted, Math.min(rows, cols));
        double[][] a = gaussian(rows, cols, r, new Random(seed));
        double scale = powerOfTwo ? Math.scalb(1.0, exponent) : Math.pow(10, exponent * Math.log10(2)) * 1.2345;
        double[][] b = new double[rows][cols];
        boolean exact = true, normal = true;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                b[i][j] = a[i][j] * scale;
                exact &= powerOfTwo && Math.scalb(b[i][j], -exponent) == a[i][j];
                normal &= Double.isFinite(b[i][j]) && (b[i][j] == 0 ? a[i][j] == 0 : Math.abs(b[i][j]) >= Double.MIN_NORMAL);
            }
        }
        boolean finite = allFinite(b);
        String kind = !finite ? "overflowed to Infinity" : exact ? "exact rescaling" : normal ? "rounded rescaling"
                : "some entries subnormal or zero";
        Statistics.label("scaling").collect(kind);
        boolean isExact = exact, isNormal = normal;
        within(() -> {
            if (!finite) {   // scale·a left the double range before the lib saw it: bad input, clearly rejected
                assertRejected(() -> RankMetrics.effectiveRank(b), "matrix", "finite");
                return;
            }
            checkBounds(b);
            if (isExact || isNormal) {
                double tol = isExact ? 1e-12 : 1e-9;
                assertEquals(RankMetrics.effectiveRank(a), RankMetrics.effectiveRank(b), tol * (1 + RankMetrics.effectiveRank(a)));
                assertEquals(RankMetrics.stableRank(a), RankMetrics.stableRank(b), tol * RankMetrics.stableRank(a));
                assertEquals(r, RankMetrics.numericalRank(b, 1e-12), "numerical rank of a rank-" + r + " matrix");
                assertTrue(RankMetrics.effectiveRank(b) <= Math.log(r) + 1e-9, "ρ <= ln(rank)");
            }
            if (isExact) {
                double nuc = RankMetrics.nuclearNorm(a), expected = Math.scalb(nuc, exponent);
                double got = RankMetrics.nuclearNorm(b);
                if (Double.isInfinite(expected)) assertEquals(Double.POSITIVE_INFINITY, got);
                else assertEquals(expected, got, 1e-12 * expected);
            }
        });
    }

    /**
     * Matrices of special values (0, ±MIN_VALUE, ±MIN_NORMAL, ±1e-310, ±1e300, ±1e308, ±MAX_VALUE, NaN, ±Infinity,
     * Gaussian): a non-finite entry is an IllegalArgumentException naming the matrix; otherwise every measure is
     * finite and within its bounds, the INDArray overloads agree with the double[][] ones, and the nuclear norm is
     * +Infinity only when it must be.
     */
    @Property(tries = 800, seed = "1130", whenFixedSeed = FixedSeedMode.ALLOW)
    void specialValues(@ForAll("specialMatrices") double[][] m) {
        boolean finite = allFinite(m);
        Statistics.label("input").collect(finite ? "finite" : "has NaN or Infinity");
        within(() -> {
            if (!finite) {
                assertRejected(() -> RankMetrics.effectiveRank(m), "matrix", "finite");
                assertRejected(() -> RankMetrics.stableRank(m), "matrix", "finite");
                assertRejected(() -> RankMetrics.nuclearNorm(Nd4j.createFromArray(m)), "matrix", "finite");
                assertRejected(() -> RankMetrics.gramEffectiveRank(m, true), "embeddings", "finite");
                return;
            }
            checkBounds(m);
            var nd = Nd4j.createFromArray(m);
            assertEquals(RankMetrics.effectiveRank(m), RankMetrics.effectiveRank(nd), 1e-9);
            assertEquals(RankMetrics.stableRank(m), RankMetrics.stableRank(nd), 1e-9 * RankMetrics.stableRank(m));
            assertEquals(RankMetrics.numericalRank(m, 1e-6), RankMetrics.numericalRank(nd, 1e-6));
            double nuc = RankMetrics.nuclearNorm(m);
            if (Double.isInfinite(nuc)) {
                // nuclear >= Frobenius: Infinity is right only if ‖m‖_F·sqrt(min(rows, cols)) > MAX_VALUE
                double fro2 = scaledFrobenius(m, -1000);
                assertTrue(fro2 * Math.sqrt(Math.min(m.length, m[0].length)) > Math.scalb(Double.MAX_VALUE, -1000) * (1 - 1e-12),
                        "nuclear norm overflowed although ‖m‖_F·sqrt(r) = 2^1000·" + fro2);
            }
        });
    }

    /**
     * Spectra as given (lengths 1–20, magnitudes from 0 and MIN_VALUE to MAX_VALUE): the *OfSpectrum functions are
     * finite, within bounds and invariant to exact rescaling; negative, NaN or infinite values are rejected naming
     * singularValues.
     */
    @Property(tries = 1000, seed = "30", whenFixedSeed = FixedSeedMode.ALLOW)
    void spectra(@ForAll("spectrumValues") List<Double> values, @ForAll @IntRange(min = -60, max = 60) int shift) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
        boolean valid = true;
        for (double v : s) valid &= Double.isFinite(v) && v >= 0;
        boolean ok = valid;
        Statistics.label("spectrum").collect(valid ? "valid" : "negative, NaN or Infinity");
        within(() -> {
            if (!ok) {
                assertRejected(() -> RankMetrics.effectiveRankOfSpectrum(s), "singularValues");
                assertRejected(() -> RankMetrics.stableRankOfSpectrum(s), "singularValues");
                assertRejected(() -> RankMetrics.nuclearNormOfSpectrum(s), "singularValues");
                return;
            }
            int nonzero = 0;
            double max = 0;
            for (double v : s) max = Math.max(max, v);
            for (double v : s) if (v > 0 && v / max > RankMetrics.ZERO_TOLERANCE) nonzero++;
            double rho = RankMetrics.effectiveRankOfSpectrum(s);
            assertTrue(rho >= 0 && rho <= Math.log(Math.max(1, nonzero)) + 1e-12, "ρ = " + rho + " for " + nonzero + " non-zero values");
            double er = RankMetrics.expEntropyRankOfSpectrum(s);
            assertTrue(max == 0 ? er == 0 : er >= 1 - 1e-12 && er <= nonzero + 1e-9, "exp ρ = " + er);
            double st = RankMetrics.stableRankOfSpectrum(s);
            assertTrue(max == 0 ? st == 0 : st >= 1 && st <= s.length + 1e-12, "stable rank = " + st);
            int nr = RankMetrics.numericalRankOfSpectrum(s, 0.5);
            assertTrue(nr >= (max == 0 ? 0 : 1) && nr <= s.length);
            double nuc = RankMetrics.nuclearNormOfSpectrum(s);
            assertFalse(Double.isNaN(nuc));
            // exact rescaling by 2^shift where it stays exact (no value leaves the normal range)
            double[] t = new double[s.length];
            boolean exact = true;
            for (int i = 0; i < s.length; i++) {
                t[i] = Math.scalb(s[i], shift);
                exact &= Double.isFinite(t[i]) && Math.scalb(t[i], -shift) == s[i];
            }
            if (exact) {
                assertEquals(rho, RankMetrics.effectiveRankOfSpectrum(t), 1e-12 * (1 + rho));
                assertEquals(st, RankMetrics.stableRankOfSpectrum(t), 1e-12 * st);
                assertEquals(nr, RankMetrics.numericalRankOfSpectrum(t, 0.5));
            }
        });
    }

    /**
     * ρ(K) of Gram matrices of N×m embeddings at scales 2^-1070..2^1020: within [0, ln min(N, m)], invariant to exact
     * rescaling, the cosine kernel also to per-row rescaling, and equal to ρ of the explicitly formed K = φφᵀ at
     * unit scale.
     */
    @Property(tries = 400, seed = "77", whenFixedSeed = FixedSeedMode.ALLOW)
    void gramMatrices(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll @IntRange(min = 1, max = 8) int m,
                      @ForAll long seed, @ForAll @IntRange(min = -1070, max = 1020) int exponent, @ForAll boolean cosine) {
        Random rng = new Random(seed);
        double[][] phi = gaussian(n, m, Math.min(n, m), rng);
        double[][] scaled = new double[n][m];
        boolean exact = true;
        for (int i = 0; i < n; i++) {
            int rowShift = cosine ? rng.nextInt(41) - 20 : 0;   // the cosine kernel ignores row norms
            for (int j = 0; j < m; j++) {
                scaled[i][j] = Math.scalb(phi[i][j], exponent + rowShift);
                exact &= Double.isFinite(scaled[i][j]) && Math.scalb(scaled[i][j], -exponent - rowShift) == phi[i][j];
            }
        }
        boolean finite = allFinite(scaled);
        boolean isExact = exact;
        Statistics.label("scaling").collect(!finite ? "overflowed to Infinity" : exact ? "exact" : "some entries subnormal or zero");
        within(() -> {
            if (!finite) {
                assertRejected(() -> RankMetrics.gramEffectiveRank(scaled, cosine), "embeddings", "finite");
                return;
            }
            double rho0 = RankMetrics.gramEffectiveRank(phi, cosine);
            assertTrue(rho0 >= 0 && rho0 <= Math.log(Math.min(n, m)) + 1e-12, "ρ(K) = " + rho0);
            double k0 = explicitGramRank(phi, cosine);
            assertEquals(k0, rho0, 1e-8, "ρ(K) against the explicitly formed K");
            boolean zeroRow = false;
            for (double[] row : scaled) zeroRow |= allZero(row);
            if (cosine && zeroRow) {
                assertRejected(() -> RankMetrics.gramEffectiveRank(scaled, true), "embeddings row", "zero");
                return;
            }
            double rho = RankMetrics.gramEffectiveRank(scaled, cosine);
            assertTrue(rho >= 0 && rho <= Math.log(Math.min(n, m)) + 1e-12, "ρ(K) = " + rho);
            if (isExact) assertEquals(rho0, rho, 1e-10 * (1 + rho0));
        });
    }

    /** Malformed arguments: ragged, empty, null rows, flat arrays of the wrong length, tolerances outside [0, 1). */
    @Property(tries = 300, seed = "5", whenFixedSeed = FixedSeedMode.ALLOW)
    void malformedArguments(@ForAll @IntRange(min = 0, max = 6) int rows, @ForAll @IntRange(min = 0, max = 6) int cols,
                            @ForAll @IntRange(min = -3, max = 3) int lengthError, @ForAll @IntRange(min = 0, max = 4) int defect,
                            @ForAll @DoubleRange(min = -2, max = 2) double tol) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) java.util.Arrays.fill(row, 1.0);
        boolean shapeOk = rows > 0 && cols > 0;
        if (defect == 1 && rows > 1) m[rows - 1] = new double[cols + 1];        // ragged
        else if (defect == 2 && rows > 1) m[rows - 1] = null;                  // null row
        else if (defect == 3) m = null;
        boolean valid = shapeOk && !(defect == 1 && rows > 1) && !(defect == 2 && rows > 1) && defect != 3;
        boolean tolOk = tol >= 0 && tol < 1;
        Statistics.label("case").collect((valid ? "valid matrix" : "malformed matrix") + ", "
                + (tolOk ? "valid tolerance" : "tolerance outside [0, 1)"));
        double[][] mm = m;
        within(() -> {
            if (!tolOk) {
                assertRejected(() -> RankMetrics.numericalRank(mm, tol), "relativeTolerance");
            } else if (!valid) {
                assertRejected(() -> RankMetrics.numericalRank(mm, tol), "matrix");
                assertRejected(() -> RankMetrics.effectiveRank(mm), "matrix");
                assertRejected(() -> RankMetrics.gramEffectiveRank(mm, false), "embeddings");
            } else {
                assertEquals(1, RankMetrics.numericalRank(mm, tol));
                assertEquals(0, RankMetrics.effectiveRank(mm), 1e-12);
            }
            // flat storage whose length disagrees with rows×cols
            double[] flat = new double[Math.max(0, rows * cols + lengthError)];
            boolean flatOk = rows > 0 && cols > 0 && lengthError == 0;
            if (flatOk) {
                assertEquals(Math.min(rows, cols), RankMetrics.singularValuesRowMajor(flat, rows, cols).length);
            } else {
                assertRejected(() -> RankMetrics.singularValuesRowMajor(flat, rows, cols), "matrix");
                assertRejected(() -> RankMetrics.gramEffectiveRankRowMajor(flat, rows, cols, true), "embeddings");
            }
        });
    }

    @Example
    void wrongRankAndEmptyIndArraysAreRejected() {
        assertRejected(() -> RankMetrics.effectiveRank(Nd4j.ones(DataType.DOUBLE, 2, 2, 2)), "matrix", "2-D");
        assertRejected(() -> RankMetrics.effectiveRank(Nd4j.ones(DataType.DOUBLE, 3)), "matrix", "2-D");
        assertRejected(() -> RankMetrics.gramEffectiveRank(Nd4j.ones(DataType.DOUBLE, 3), true), "embeddings", "2-D");
        assertRejected(() -> RankMetrics.effectiveRank(Nd4j.create(DataType.DOUBLE, 0, 3)), "matrix", "non-empty");
        assertRejected(() -> RankMetrics.effectiveRank((double[][]) null), "matrix", "null");
        double[][] nanFloat = {{1, Double.NaN}};
        assertRejected(() -> RankMetrics.effectiveRank(Nd4j.createFromArray(nanFloat).castTo(DataType.FLOAT)), "matrix", "finite");
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<double[][]> specialMatrices() {
        Arbitrary<Double> entry = Arbitraries.oneOf(
                Arbitraries.of(0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310, -1e-310,
                        1e-300, 1e300, -1e300, 1e307, 1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE),
                Arbitraries.doubles().between(-3, 3),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        // mostly finite: weight the special finite pool and Gaussians over the non-finite ones per entry
        Arbitrary<Double> weighted = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(60, entry.filter(Double::isFinite)), net.jqwik.api.Tuple.of(1, entry));
        return Arbitraries.integers().between(1, 6).flatMap(rows -> Arbitraries.integers().between(1, 6).flatMap(cols ->
                weighted.array(double[].class).ofSize(cols).array(double[][].class).ofSize(rows)));
    }

    @Provide
    Arbitrary<List<Double>> spectrumValues() {
        Arbitrary<Double> finite = Arbitraries.oneOf(
                Arbitraries.of(0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310, 1e-300, 1.0, 1e300, 1e308, Double.MAX_VALUE),
                Arbitraries.doubles().between(0, 10),
                Arbitraries.integers().between(-1074, 1023).map(e -> Math.scalb(1.0, e)));
        Arbitrary<Double> bad = Arbitraries.of(-1.0, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY);
        Arbitrary<Double> entry = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(80, finite), net.jqwik.api.Tuple.of(1, bad));
        return entry.list().ofMinSize(1).ofMaxSize(20);
    }

    // ---------------------------------------------------------------- helpers

    /** A rows×cols matrix of rank r: Gaussian rows×r times Gaussian r×cols. */
    static double[][] gaussian(int rows, int cols, int r, Random rng) {
        double[][] x = new double[rows][r], y = new double[r][cols], a = new double[rows][cols];
        for (double[] row : x) for (int j = 0; j < r; j++) row[j] = rng.nextGaussian();
        for (double[] row : y) for (int j = 0; j < cols; j++) row[j] = rng.nextGaussian();
        for (int i = 0; i < rows; i++) for (int k = 0; k < r; k++) for (int j = 0; j < cols; j++) a[i][j] += x[i][k] * y[k][j];
        return a;
    }

    /** Bounds of every measure on a finite matrix. */
    private static void checkBounds(double[][] m) {
        int min = Math.min(m.length, m[0].length);
        double[] s = RankMetrics.singularValues(m);
        assertEquals(min, s.length);
        for (int i = 0; i < s.length; i++) {
            assertFalse(Double.isNaN(s[i]), "σ_" + i + " is NaN");
            assertTrue(s[i] >= 0, "σ_" + i + " = " + s[i]);
            if (i > 0) assertTrue(s[i] <= s[i - 1], "singular values not descending");
        }
        boolean zero = true;
        for (double[] row : m) zero &= allZero(row);
        double rho = RankMetrics.effectiveRank(m);
        assertTrue(Double.isFinite(rho) && rho >= 0 && rho <= Math.log(min) + 1e-12, "ρ = " + rho + " for min(m, n) = " + min);
        double er = RankMetrics.expEntropyRank(m);
        assertTrue(zero ? er == 0 : er >= 1 - 1e-12 && er <= min + 1e-9, "exp ρ = " + er);
        double st = RankMetrics.stableRank(m);
        assertTrue(zero ? st == 0 : st >= 1 - 1e-12 && st <= min + 1e-9, "stable rank = " + st);
        int nr = RankMetrics.numericalRank(m, 1e-10);
        assertTrue(zero ? nr == 0 : nr >= 1 && nr <= min, "numerical rank = " + nr);
        double nuc = RankMetrics.nuclearNorm(m);
        assertTrue(nuc >= 0, "nuclear norm = " + nuc);
        double gram = RankMetrics.gramEffectiveRank(m, false);
        assertTrue(Double.isFinite(gram) && gram >= 0 && gram <= Math.log(min) + 1e-12, "ρ(K) = " + gram);
    }

    /** ‖m‖_F · 2^shift, computed without overflow. */
    private static double scaledFrobenius(double[][] m, int shift) {
        double ss = 0;
        for (double[] row : m) for (double v : row) ss += Math.scalb(v, shift) * Math.scalb(v, shift);
        return Math.sqrt(ss);
    }

    /** ρ of K = φφᵀ (or of the cosine kernel) formed explicitly, for unit-scale φ. */
    private static double explicitGramRank(double[][] phi, boolean cosine) {
        int n = phi.length, m = phi[0].length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = phi[i].clone();
            if (cosine) {
                double norm = 0;
                for (double v : x[i]) norm += v * v;
                norm = Math.sqrt(norm);
                for (int j = 0; j < m; j++) x[i][j] /= norm;
            }
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int l = 0; l < m; l++) k[i][j] += x[i][l] * x[j][l];
        return RankMetrics.effectiveRank(k);
    }

    private static boolean allFinite(double[][] m) {
        for (double[] row : m) for (double v : row) if (!Double.isFinite(v)) return false;
        return true;
    }

    private static boolean allZero(double[] row) {
        for (double v : row) if (v != 0) return false;
        return true;
    }

    /** The call throws an IllegalArgumentException whose message contains every fragment (the argument's name...). */
    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
}
