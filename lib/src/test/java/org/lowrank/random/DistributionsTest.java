package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.lowrank.claims.DepthTrend;

import org.junit.jupiter.api.Test;

class DistributionsTest {
    private static RankDistribution normal(double mean, double sd, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = mean + sd * r.nextGaussian();
        return new RankDistribution(s);
    }

    @Test
    void kdeIntegratesToOneAndPeaksAtTheMode() {
        RankDistribution d = normal(2.0, 0.1, 2000, 1);
        double[] xs = RankDistribution.grid(1.0, 3.0, 2001);
        double[] f = d.kde(xs);
        double integral = 0;
        for (int i = 1; i < xs.length; i++) integral += 0.5 * (f[i] + f[i - 1]) * (xs[i] - xs[i - 1]);
        assertEquals(1.0, integral, 1e-3);
        RankDistribution.Peak p = d.kdePeak(1, 3, 2001);
        assertEquals(2.0, p.location(), 0.02);
        // a normal's peak height is 1/(σ√2π) ≈ 3.99; KDE smooths a little
        assertEquals(1 / (0.1 * Math.sqrt(2 * Math.PI)), p.height(), 0.3);
        double h = 0.9 * Math.min(d.std(), (d.percentile(75) - d.percentile(25)) / 1.34) * Math.pow(2000, -0.2);
        assertEquals(h, d.silvermanBandwidth(), 1e-15);
    }

    @Test
    void histogramIsADensity() {
        RankDistribution d = new RankDistribution(new double[] {0.1, 0.2, 0.6, 0.9, 1.5});
        double[] h = d.histogram(2, 0, 1);
        assertArrayEquals(new double[] {0.8, 0.8}, h, 1e-15); // 2 of 5 per bin of width 0.5; 1.5 dropped
        assertArrayEquals(new double[] {0.25, 0.75}, RankDistribution.binCenters(2, 0, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> new RankDistribution(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> d.histogram(0, 0, 1));
    }

    @Test
    void depthTrendDetectsFallAndNoFall() {
        int[] depths = {1, 2, 4};
        RankDistribution[] falling = {normal(2.5, 0.05, 300, 1), normal(2.3, 0.1, 300, 2), normal(2.0, 0.2, 300, 3)};
        DepthTrend.Result r = DepthTrend.test(depths, falling, 0.01);
        assertTrue(r.meanFalls() && r.stdGrows(), r.describe());
        RankDistribution[] flat = {normal(2.5, 0.1, 300, 4), normal(2.5, 0.1, 300, 5), normal(2.5, 0.1, 300, 6)};
        DepthTrend.Result f = DepthTrend.test(depths, flat, 0.01);
        assertFalse(f.meanFalls(), f.describe());
        assertFalse(f.stdGrows(), f.describe());
        assertThrows(IllegalArgumentException.class, () -> DepthTrend.test(new int[] {1}, new RankDistribution[1], 0.05));
    }

    @Test
    void fussCatalanMomentsAndDensity() {
        assertEquals(1, FussCatalan.moment(3, 1), 0);
        assertEquals(4, FussCatalan.moment(3, 2), 0);
        assertEquals(5, FussCatalan.moment(1, 3), 0); // Catalan numbers 1, 2, 5, 14
        assertEquals(14, FussCatalan.moment(1, 4), 0);
        assertEquals(12, FussCatalan.moment(2, 3), 0); // 1, 3, 12, 55
        assertEquals(55, FussCatalan.moment(2, 4), 0);
        assertEquals(4, FussCatalan.supportEdge(1), 1e-15);
        assertEquals(6.75, FussCatalan.supportEdge(2), 1e-15);
        for (int d = 1; d <= 4; d++) {
            double[][] c = FussCatalan.densityCurve(d, 200_000);
            double[] x = c[0], f = c[1];
            double m0 = 0, m1 = 0, m2 = 0;
            for (int i = 1; i < x.length; i++) {
                double dx = x[i] - x[i - 1], fm = 0.5 * (f[i] + f[i - 1]), xm = 0.5 * (x[i] + x[i - 1]);
                assertTrue(dx > 0, "x increasing");
                m0 += fm * dx;
                m1 += fm * xm * dx;
                m2 += fm * xm * xm * dx;
            }
            // the density has an integrable x^(-d/(d+1)) singularity at 0, which the grid truncates slightly
            assertEquals(1, m0, 0.01, "mass d=" + d);
            assertEquals(1, m1, 0.01, "m1 d=" + d);
            assertEquals(d + 1, m2, 0.01 * (d + 1), "m2 d=" + d);
        }
        // d = 1 is Marchenko–Pastur
        double[][] mp = FussCatalan.densityCurve(1, 11);
        for (int i = 0; i < 11; i++) {
            assertEquals(Math.sqrt((4 - mp[0][i]) / mp[0][i]) / (2 * Math.PI), mp[1][i], 1e-9);
        }
    }

    @Test
    void empiricalMomentsApproachFussCatalan() {
        for (int d = 1; d <= 3; d++) {
            double[] m = FussCatalan.meanEmpiricalMoments(FussCatalan.sampleSquaredSingularValues(128, d, 4, d), 3);
            for (int k = 1; k <= 3; k++) {
                double exact = FussCatalan.moment(d, k);
                assertEquals(exact, m[k - 1], 0.1 * exact, "d=" + d + " k=" + k);
            }
        }
    }

    @Test
    void asymptoticRhoGapMatchesLargeMatricesAndFallsWithDepth() {
        for (int d : new int[] {1, 2, 5, 16}) {
            assertEquals(1.0, FussCatalan.expectation(d, x -> 1.0, 20_000), 1e-12);
            assertEquals(1.0, FussCatalan.expectation(d, x -> x, 20_000), 1e-6, "m1 d=" + d);
            assertEquals(d + 1, FussCatalan.expectation(d, x -> x * x, 20_000), 1e-5 * (d + 1), "m2 d=" + d);
            assertEquals(FussCatalan.moment(d, 3), FussCatalan.expectation(d, x -> x * x * x, 20_000), 1e-5 * FussCatalan.moment(d, 3), "m3 d=" + d);
        }
        // docs/reproduction-notes.md §6, products of d 16x16 Gaussians: rho - ln 16 at d = 16 is 1.127 - ln 16 = -1.646, already near the limit
        assertEquals(1.127 - Math.log(16), FussCatalan.rhoMinusLogN(16), 0.03);
        // d = 1: §6 single Gaussians give rho - ln n = 2.548 - ln 16 = -0.225, 3.242 - ln 32 = -0.224, 3.938 - ln 64 = -0.221
        assertEquals(-0.221, FussCatalan.rhoMinusLogN(1), 0.005);
        double prev = 0;
        for (int d = 1; d <= 4; d++) {
            double gap = FussCatalan.rhoMinusLogN(d);
            assertTrue(gap < prev, "d=" + d + " gap " + gap);
            prev = gap;
            double[][] l = FussCatalan.sampleSquaredSingularValues(128, d, 3, 10 + d);
            double mean = 0;
            for (double[] s : l) {
                double[] sigma = new double[s.length];
                for (int i = 0; i < s.length; i++) sigma[i] = Math.sqrt(s[i]);
                mean += org.lowrank.rank.RankMetrics.effectiveRankOfSpectrum(sigma) / l.length;
            }
            assertEquals(gap, mean - Math.log(128), 0.03, "d=" + d);
        }
    }

    @Test
    void landscapeAgreesAtTheOriginAndTwoLayersHaveMoreLowRank() {
        LandscapeConfig c = LandscapeConfig.defaults(21, 12);
        RankLandscape.Slice s = RankLandscape.sliceOfDraw(c, 7, 3);
        assertEquals(s.oneLayer()[10][10], s.twoLayer()[10][10], 1e-12);
        assertEquals(0.5 * Math.log(2), c.threshold(), 0);
        double[][] fr = RankLandscape.lowFractions(c, 7);
        assertEquals(s.lowFractionOneLayer(), fr[0][3], 0);
        double one = 0, two = 0;
        for (int i = 0; i < 12; i++) {
            one += fr[0][i];
            two += fr[1][i];
        }
        assertTrue(two > one, "two-layer low-rho fraction " + two / 12 + " vs one-layer " + one / 12);
        assertThrows(IllegalArgumentException.class, () -> new LandscapeConfig(1, 10, 2, true, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new LandscapeConfig(2, 10, 2, true, 1.5, 1));
    }
}
