package org.lowrank.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

class RankMetricsTest {
    private static double[][] identity(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) a[i][i] = 1;
        return a;
    }

    /** A rows×cols matrix with k equal non-zero singular values c (orthonormal columns of a random Q). */
    private static double[][] equalSpectrum(int rows, int cols, int k, double c, long seed) {
        Random r = new Random(seed);
        // Gram-Schmidt on k random vectors in R^rows and R^cols; A = c·Σ_i q_i p_iᵀ
        double[][] q = orthonormal(rows, k, r), p = orthonormal(cols, k, r);
        double[][] a = new double[rows][cols];
        for (int i = 0; i < k; i++) {
            for (int x = 0; x < rows; x++) for (int y = 0; y < cols; y++) a[x][y] += c * q[i][x] * p[i][y];
        }
        return a;
    }

    private static double[][] orthonormal(int dim, int k, Random r) {
        double[][] v = new double[k][dim];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < dim; j++) v[i][j] = r.nextGaussian();
            for (int prev = 0; prev < i; prev++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) dot += v[i][j] * v[prev][j];
                for (int j = 0; j < dim; j++) v[i][j] -= dot * v[prev][j];
            }
            double norm = 0;
            for (int j = 0; j < dim; j++) norm += v[i][j] * v[i][j];
            norm = Math.sqrt(norm);
            for (int j = 0; j < dim; j++) v[i][j] /= norm;
        }
        return v;
    }

    private static double[][] gaussian(int rows, int cols, Random r) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) for (int j = 0; j < cols; j++) row[j] = r.nextGaussian();
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 16, 33})
    void identityClosedForms(int n) {
        double[][] id = identity(n);
        assertEquals(Math.log(n), RankMetrics.effectiveRank(id), 1e-12);
        assertEquals(n, RankMetrics.expEntropyRank(id), 1e-10);
        assertEquals(n, RankMetrics.stableRank(id), 1e-12);
        assertEquals(n, RankMetrics.numericalRank(id, 1e-10));
        assertEquals(n, RankMetrics.nuclearNorm(id), 1e-12);
        assertEquals(Math.log(n), RankMetrics.effectiveRank(Nd4j.eye(n)), 1e-12);
    }

    @Test
    void rankKWithEqualSingularValuesIsLnK() {
        for (int k : new int[] {1, 2, 3, 8}) {
            double[][] a = equalSpectrum(16, 16, k, 2.5, 7 + k);
            assertEquals(Math.log(k), RankMetrics.effectiveRank(a), 1e-9, "k=" + k);
            assertEquals(k, RankMetrics.numericalRank(a, 1e-8), "k=" + k);
            assertEquals(k, RankMetrics.stableRank(a), 1e-9, "k=" + k);
            assertEquals(k * 2.5, RankMetrics.nuclearNorm(a), 1e-9, "k=" + k);
            assertEquals(k, RankMetrics.expEntropyRank(a), 1e-8, "k=" + k);
        }
    }

    @Test
    void nonSquareMatricesUseMinDimension() {
        // 5x12 and 12x5 with 3 equal singular values: ρ = ln 3 either way
        assertEquals(Math.log(3), RankMetrics.effectiveRank(equalSpectrum(5, 12, 3, 1.0, 1)), 1e-9);
        assertEquals(Math.log(3), RankMetrics.effectiveRank(equalSpectrum(12, 5, 3, 1.0, 2)), 1e-9);
        double[][] a = gaussian(7, 19, new Random(3));
        double[][] at = new double[19][7];
        for (int i = 0; i < 7; i++) for (int j = 0; j < 19; j++) at[j][i] = a[i][j];
        double[] s = RankMetrics.singularValues(a);
        assertEquals(7, s.length);
        assertArrayEquals(s, RankMetrics.singularValues(at), 1e-12);
        assertArrayEquals(s, RankMetrics.singularValues(Nd4j.createFromArray(a)), 1e-12);
        assertTrue(RankMetrics.effectiveRank(a) < Math.log(7));
        for (int i = 1; i < s.length; i++) assertTrue(s[i - 1] >= s[i], "descending");
    }

    @Test
    void singularValuesAgreeWithKnownDiagonal() {
        double[][] d = {{3, 0, 0}, {0, -4, 0}, {0, 0, 0.5}};
        assertArrayEquals(new double[] {4, 3, 0.5}, RankMetrics.singularValues(d), 1e-13);
        double p1 = 4 / 7.5, p2 = 3 / 7.5, p3 = 0.5 / 7.5;
        double rho = -(p1 * Math.log(p1) + p2 * Math.log(p2) + p3 * Math.log(p3));
        assertEquals(rho, RankMetrics.effectiveRank(d), 1e-13);
        assertEquals(Math.exp(rho), RankMetrics.expEntropyRank(d), 1e-12);
        assertEquals((16 + 9 + 0.25) / 16, RankMetrics.stableRank(d), 1e-13);
        assertEquals(2, RankMetrics.numericalRank(d, 0.2));
        assertEquals(3, RankMetrics.numericalRank(d, 0.1));
        assertEquals(7.5, RankMetrics.nuclearNorm(d), 1e-13);
    }

    @Test
    void zeroMatrixAndTinySingularValues() {
        double[][] z = new double[4][6];
        assertEquals(0.0, RankMetrics.effectiveRank(z));
        assertEquals(0.0, RankMetrics.expEntropyRank(z));
        assertEquals(0.0, RankMetrics.stableRank(z));
        assertEquals(0, RankMetrics.numericalRank(z, 0.0));
        assertEquals(0.0, RankMetrics.nuclearNorm(z));
        // σ ≤ 1e-12·σmax counts as zero: the spectrum {1, 1e-13} has ρ = 0 exactly
        assertEquals(0.0, RankMetrics.effectiveRankOfSpectrum(new double[] {1, 1e-13}));
        assertTrue(RankMetrics.effectiveRankOfSpectrum(new double[] {1, 1e-11}) > 0);
        assertEquals(RankMetrics.effectiveRank(identity(3)),
                RankMetrics.effectiveRankOfSpectrum(new double[] {2, 2, 2, 0, 0}), 1e-15);
    }

    @Test
    void scaleInvarianceAndHugeEntries() {
        double[][] a = gaussian(8, 8, new Random(5));
        double rho = RankMetrics.effectiveRank(a);
        double[][] big = new double[8][8];
        for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j++) big[i][j] = a[i][j] * 1e200;
        assertEquals(rho, RankMetrics.effectiveRank(big), 1e-12);
        assertEquals(RankMetrics.stableRank(a), RankMetrics.stableRank(big), 1e-12);
        assertEquals(RankMetrics.gramEffectiveRank(a, false), RankMetrics.gramEffectiveRank(big, false), 1e-12);
    }

    @Test
    void gramRankSquaresTheSpectrum() {
        double[][] phi = {{3, 0}, {0, 1}, {0, 0}};
        // K eigenvalues 9, 1: p = 0.9, 0.1
        double expected = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
        assertEquals(expected, RankMetrics.gramEffectiveRank(phi, false), 1e-13);
        assertEquals(expected, RankMetrics.gramEffectiveRank(Nd4j.createFromArray(phi), false), 1e-13);
        // cosine: the two non-zero rows become orthonormal, the zero row is an error
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.gramEffectiveRank(phi, true));
        assertEquals(Math.log(2), RankMetrics.gramEffectiveRank(new double[][] {{3, 0}, {0, 1}}, true), 1e-13);
    }

    /** docs/reproduction-notes.md §6: single 16×16 Gaussian, ρ = 2.548 (200 draws) / 2.543 (1000 draws) ± 0.02. */
    @Test
    void calibrationSingleGaussian() {
        Random r = new Random(2024);
        int draws = 1000;
        double sum16 = 0, sum32 = 0;
        for (int i = 0; i < draws; i++) sum16 += RankMetrics.effectiveRank(gaussian(16, 16, r));
        for (int i = 0; i < 200; i++) sum32 += RankMetrics.effectiveRank(gaussian(32, 32, r));
        assertEquals(2.548, sum16 / draws, 0.02);
        assertEquals(3.242, sum32 / 200, 0.02);
    }

    @Test
    void errorsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RankMetrics.effectiveRank(new double[0][0]));
        assertTrue(e.getMessage().contains("matrix"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankMetrics.effectiveRank(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.stableRank(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 0}}));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.nuclearNorm(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.singularValues((double[][]) null));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.effectiveRank(Nd4j.create(0, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> RankMetrics.effectiveRank(Nd4j.createFromArray(new double[][] {{1, Double.NaN}})));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.effectiveRank(Nd4j.ones(2, 2, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> RankMetrics.numericalRank(identity(2), 1.5));
        assertTrue(e.getMessage().contains("relativeTolerance") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.numericalRank(identity(2), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.effectiveRankOfSpectrum(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.effectiveRankOfSpectrum(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.expEntropyRankOfSpectrum(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.singularValuesRowMajor(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.singularValuesColumnMajor(new double[0], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.gramEffectiveRank(new double[][] {{Double.NaN}}, false));
    }
}
